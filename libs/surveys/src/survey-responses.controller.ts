import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiResult, CurrentUser, type Principal } from '@yakuba/platform';
import { MyResponseDto, SubmitResponseDto } from './dto/survey.dto';
import { surveyId } from './survey-params';
import { SurveyResponseService } from './survey-response.service';

/** Answering (any signed-in staff member who is invited; others get 404). */
@ApiTags('surveys')
@Controller('surveys')
export class SurveyResponsesController {
  constructor(private readonly responses: SurveyResponseService) {}

  @ApiResult(['MySurvey'])
  @Get('mine')
  @ApiOperation({ summary: 'The open surveys I am invited to, with whether I answered.' })
  mine(@CurrentUser() user: Principal) {
    return this.responses.mine(user);
  }

  @ApiResult('SurveyForm')
  @Get(':id/form')
  @ApiOperation({ summary: 'The survey as I answer it (invited only): sections, questions, conditions, named or anonymous.' })
  form(@CurrentUser() user: Principal, @Param('id', surveyId) id: string) {
    return this.responses.form(user, id);
  }

  @ApiResult('SubmitResponseResult')
  @Post(':id/responses')
  @ApiOperation({
    summary:
      'Answer once (409 the second time or after closesAt; 404 if not invited). Anonymous: nothing links the answers to me; without editSecret they cannot be changed later (editable: false).',
  })
  submit(@CurrentUser() user: Principal, @Param('id', surveyId) id: string, @Body() dto: SubmitResponseDto) {
    return this.responses.submit(user, id, dto.answers, dto.editSecret);
  }

  @ApiResult('MyResponse')
  @Post(':id/responses/mine')
  @HttpCode(200)
  @ApiOperation({ summary: 'My answers, found by my browser’s secret (anonymous) or by me (named).' })
  myResponse(@CurrentUser() user: Principal, @Param('id', surveyId) id: string, @Body() dto: MyResponseDto) {
    return this.responses.myResponse(user, id, dto.editSecret);
  }

  @ApiResult('SubmitResponseResult')
  @Put(':id/responses/mine')
  @ApiOperation({ summary: 'Change my answers until close, if the survey allows it (anonymous: with my browser’s secret).' })
  edit(@CurrentUser() user: Principal, @Param('id', surveyId) id: string, @Body() dto: SubmitResponseDto) {
    return this.responses.edit(user, id, dto.answers, dto.editSecret);
  }
}
