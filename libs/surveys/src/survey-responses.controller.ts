import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Principal } from '@yakuba/platform';
import { MyResponseDto, SubmitResponseDto } from './dto/survey.dto';
import { MY_SURVEYS_SCHEMA, SURVEY_SCHEMA, surveyId } from './survey-params';
import { SurveyResponseService } from './survey-response.service';

const EDITABLE = { schema: { type: 'object', properties: { editable: { type: 'boolean' } } } };

/** Answering (any signed-in staff member who is invited; others get 404). */
@ApiTags('surveys')
@Controller('surveys')
export class SurveyResponsesController {
  constructor(private readonly responses: SurveyResponseService) {}

  @Get('mine')
  @ApiOperation({ summary: 'The open surveys I am invited to, with whether I answered.' })
  @ApiOkResponse({ schema: MY_SURVEYS_SCHEMA })
  mine(@CurrentUser() user: Principal) {
    return this.responses.mine(user);
  }

  @Get(':id/form')
  @ApiOperation({ summary: 'The survey as I answer it (invited only): sections, questions, conditions, named or anonymous.' })
  @ApiOkResponse({ schema: SURVEY_SCHEMA })
  form(@CurrentUser() user: Principal, @Param('id', surveyId) id: string) {
    return this.responses.form(user, id);
  }

  @Post(':id/responses')
  @ApiOperation({
    summary: 'Answer once (409 the second time or after closesAt; 404 if not invited). Anonymous: nothing links the answers to me.',
  })
  @ApiCreatedResponse(EDITABLE)
  submit(@CurrentUser() user: Principal, @Param('id', surveyId) id: string, @Body() dto: SubmitResponseDto) {
    return this.responses.submit(user, id, dto.answers, dto.editSecret);
  }

  @Post(':id/responses/mine')
  @HttpCode(200)
  @ApiOperation({ summary: 'My answers, found by my browser’s secret (anonymous) or by me (named).' })
  @ApiOkResponse({ schema: { type: 'object', properties: { answers: { type: 'object', additionalProperties: true } } } })
  myResponse(@CurrentUser() user: Principal, @Param('id', surveyId) id: string, @Body() dto: MyResponseDto) {
    return this.responses.myResponse(user, id, dto.editSecret);
  }

  @Put(':id/responses/mine')
  @ApiOperation({ summary: 'Change my answers until close, if the survey allows it (anonymous: with my browser’s secret).' })
  @ApiOkResponse(EDITABLE)
  edit(@CurrentUser() user: Principal, @Param('id', surveyId) id: string, @Body() dto: SubmitResponseDto) {
    return this.responses.edit(user, id, dto.answers, dto.editSecret);
  }
}
