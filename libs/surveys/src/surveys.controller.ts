import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermissions, type Principal } from '@yakuba/platform';
import { DuplicateSurveyDto, FromTemplateDto, OpenSurveyDto, ResultsQueryDto, SurveyDraftDto, UpdateSurveyDto } from './dto/survey.dto';
import { SurveyBuilderService } from './survey-builder.service';
import { csvFile, RESULTS_SCHEMA, SURVEY_SCHEMA, surveyId } from './survey-params';
import { SurveyResultsService } from './survey-results.service';

const LIST = { schema: { type: 'array', items: SURVEY_SCHEMA } };

/** The builder and results (admins, survey admins). */
@ApiTags('surveys')
@Controller('surveys')
@RequirePermissions('surveys.manage')
export class SurveysController {
  constructor(
    private readonly builder: SurveyBuilderService,
    private readonly results: SurveyResultsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Every survey, newest first, with invited and responded counts.' })
  @ApiOkResponse(LIST)
  list() {
    return this.builder.list();
  }

  @Get('templates')
  @ApiOperation({ summary: 'Survey templates: the DX perception survey with the plan’s two KPI questions.' })
  @ApiOkResponse({
    schema: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          key: { type: 'string' },
          title: { type: 'string' },
          description: { type: 'string' },
          definition: { type: 'object', additionalProperties: true },
        },
      },
    },
  })
  templates() {
    return this.builder.templates();
  }

  @Post('templates/:key')
  @ApiOperation({ summary: 'A draft from a template.' })
  @ApiCreatedResponse({ schema: SURVEY_SCHEMA })
  fromTemplate(@CurrentUser() user: Principal, @Param('key') key: string, @Body() dto: FromTemplateDto) {
    return this.builder.fromTemplate(user, key, dto);
  }

  @Post()
  @ApiOperation({
    summary:
      'Create a draft survey: sections, questions (likert5, single, multi, text, matrix), conditions, KPI bindings, audience, schedule.',
  })
  @ApiCreatedResponse({ schema: SURVEY_SCHEMA })
  create(@CurrentUser() user: Principal, @Body() dto: SurveyDraftDto) {
    return this.builder.create(user, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One survey with its definition.' })
  @ApiOkResponse({ schema: SURVEY_SCHEMA })
  get(@Param('id', surveyId) id: string) {
    return this.builder.get(id);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Replace a draft (or a scheduled survey before it opens); stale version → 409.' })
  @ApiOkResponse({ schema: SURVEY_SCHEMA })
  update(@CurrentUser() user: Principal, @Param('id', surveyId) id: string, @Body() dto: UpdateSurveyDto) {
    return this.builder.update(user, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a draft.' })
  @ApiNoContentResponse({ description: 'deleted' })
  remove(@CurrentUser() user: Principal, @Param('id', surveyId) id: string) {
    return this.builder.remove(user, id);
  }

  @Get(':id/preview')
  @ApiOperation({ summary: 'The survey as a respondent sees it (nothing is stored).' })
  @ApiOkResponse({ schema: SURVEY_SCHEMA })
  preview(@Param('id', surveyId) id: string) {
    return this.builder.preview(id);
  }

  @Post(':id/open')
  @HttpCode(200)
  @ApiOperation({ summary: 'Open now, or schedule the opening (opensAt in the future). Invites the audience’s active staff.' })
  @ApiOkResponse({ schema: SURVEY_SCHEMA })
  open(@CurrentUser() user: Principal, @Param('id', surveyId) id: string, @Body() dto: OpenSurveyDto) {
    return this.builder.open(user, id, dto);
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close now (it also closes by itself at closesAt).' })
  @ApiOkResponse({ schema: SURVEY_SCHEMA })
  close(@CurrentUser() user: Principal, @Param('id', surveyId) id: string) {
    return this.builder.close(user, id);
  }

  @Post(':id/duplicate')
  @ApiOperation({ summary: 'The next wave of the same series, as a draft.' })
  @ApiCreatedResponse({ schema: SURVEY_SCHEMA })
  duplicate(@CurrentUser() user: Principal, @Param('id', surveyId) id: string, @Body() dto: DuplicateSurveyDto) {
    return this.builder.duplicate(user, id, dto);
  }

  @Post(':id/remind')
  @HttpCode(200)
  @ApiOperation({ summary: 'Remind everyone invited who has not answered: one identical text, in-app and as a notice.' })
  @ApiOkResponse({ schema: { type: 'object', properties: { reminded: { type: 'integer' } } } })
  remind(@CurrentUser() user: Principal, @Param('id', surveyId) id: string) {
    return this.builder.remind(user, id);
  }

  @Get(':id/results')
  @ApiOperation({
    summary: 'Counts, shares, KPI block, response rates, groups by department and position (k threshold with complementary suppression).',
  })
  @ApiOkResponse({ schema: RESULTS_SCHEMA })
  resultsOf(@Param('id', surveyId) id: string, @Query() query: ResultsQueryDto) {
    return this.results.results(id, query);
  }

  @Get(':id/results.csv')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'Aggregated results as CSV (UTF-8 with BOM, Excel-ready).' })
  @ApiOkResponse({ schema: { type: 'string' } })
  async resultsCsv(@Param('id', surveyId) id: string, @Query() query: ResultsQueryDto) {
    const { title, bytes } = await this.results.resultsCsv(id, query);
    return csvFile(bytes, `集計_${title}`);
  }

  @Get(':id/responses.csv')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'Raw answers, shuffled, without author, time or group (409 below k responses).' })
  @ApiOkResponse({ schema: { type: 'string' } })
  async rawCsv(@Param('id', surveyId) id: string) {
    const { title, bytes } = await this.results.rawCsv(id);
    return csvFile(bytes, `回答_${title}`);
  }
}
