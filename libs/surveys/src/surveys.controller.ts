import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiFile, ApiNoContent, ApiResult, CurrentUser, RequirePermissions, type Principal } from '@yakuba/platform';
import { DuplicateSurveyDto, FromTemplateDto, OpenSurveyDto, ResultsQueryDto, SurveyDraftDto, UpdateSurveyDto } from './dto/survey.dto';
import { SurveyBuilderService } from './survey-builder.service';
import { csvFile, surveyId } from './survey-params';
import { SurveyResultsService } from './survey-results.service';

/** The builder and results (admins, survey admins). */
@ApiTags('surveys')
@Controller('surveys')
@RequirePermissions('surveys.manage')
export class SurveysController {
  constructor(
    private readonly builder: SurveyBuilderService,
    private readonly results: SurveyResultsService,
  ) {}

  @ApiResult(['SurveySummary'])
  @Get()
  @ApiOperation({ summary: 'Every survey, newest first, with invited and responded counts.' })
  list() {
    return this.builder.list();
  }

  @ApiResult(['SurveyTemplate'])
  @Get('templates')
  @ApiOperation({ summary: 'Survey templates: the DX perception survey with the plan’s two KPI questions.' })
  templates() {
    return this.builder.templates();
  }

  @ApiResult('SurveyDetail')
  @Post('templates/:key')
  @ApiOperation({ summary: 'A draft from a template.' })
  fromTemplate(@CurrentUser() user: Principal, @Param('key') key: string, @Body() dto: FromTemplateDto) {
    return this.builder.fromTemplate(user, key, dto);
  }

  @ApiResult('SurveyDetail')
  @Post()
  @ApiOperation({
    summary:
      'Create a draft survey: sections, questions (likert5, single, multi, text, matrix), conditions, KPI bindings, audience, schedule.',
  })
  create(@CurrentUser() user: Principal, @Body() dto: SurveyDraftDto) {
    return this.builder.create(user, dto);
  }

  @ApiResult('SurveyDetail')
  @Get(':id')
  @ApiOperation({ summary: 'One survey with its definition.' })
  get(@Param('id', surveyId) id: string) {
    return this.builder.get(id);
  }

  @ApiResult('SurveyDetail')
  @Put(':id')
  @ApiOperation({ summary: 'Replace a draft (or a scheduled survey before it opens); stale version → 409.' })
  update(@CurrentUser() user: Principal, @Param('id', surveyId) id: string, @Body() dto: UpdateSurveyDto) {
    return this.builder.update(user, id, dto);
  }

  @ApiNoContent()
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a draft.' })
  remove(@CurrentUser() user: Principal, @Param('id', surveyId) id: string) {
    return this.builder.remove(user, id);
  }

  @ApiResult('SurveyForm')
  @Get(':id/preview')
  @ApiOperation({ summary: 'The survey as a respondent sees it (nothing is stored).' })
  preview(@Param('id', surveyId) id: string) {
    return this.builder.preview(id);
  }

  @ApiResult('SurveyDetail')
  @Post(':id/open')
  @HttpCode(200)
  @ApiOperation({ summary: 'Open now, or schedule the opening (opensAt in the future). Invites the audience’s active staff.' })
  open(@CurrentUser() user: Principal, @Param('id', surveyId) id: string, @Body() dto: OpenSurveyDto) {
    return this.builder.open(user, id, dto);
  }

  @ApiResult('SurveyDetail')
  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close now (it also closes by itself at closesAt).' })
  close(@CurrentUser() user: Principal, @Param('id', surveyId) id: string) {
    return this.builder.close(user, id);
  }

  @ApiResult('SurveyDetail')
  @Post(':id/duplicate')
  @ApiOperation({ summary: 'The next wave of the same series, as a draft.' })
  duplicate(@CurrentUser() user: Principal, @Param('id', surveyId) id: string, @Body() dto: DuplicateSurveyDto) {
    return this.builder.duplicate(user, id, dto);
  }

  @ApiResult('RemindResult')
  @Post(':id/remind')
  @HttpCode(200)
  @ApiOperation({ summary: 'Remind everyone invited who has not answered: one identical text, in-app and as a notice.' })
  remind(@CurrentUser() user: Principal, @Param('id', surveyId) id: string) {
    return this.builder.remind(user, id);
  }

  @ApiResult('SurveyResults')
  @Get(':id/results')
  @ApiOperation({
    summary: 'Counts, shares, KPI block, response rates, groups by department and position (k threshold with complementary suppression).',
  })
  resultsOf(@Param('id', surveyId) id: string, @Query() query: ResultsQueryDto) {
    return this.results.results(id, query);
  }

  @ApiFile('text/csv')
  @Get(':id/results.csv')
  @ApiOperation({ summary: 'Aggregated results as CSV (UTF-8 with BOM, Excel-ready).' })
  async resultsCsv(@Param('id', surveyId) id: string, @Query() query: ResultsQueryDto) {
    const { title, bytes } = await this.results.resultsCsv(id, query);
    return csvFile(bytes, `集計_${title}`);
  }

  @ApiFile('text/csv')
  @Get(':id/responses.csv')
  @ApiOperation({ summary: 'Raw answers, shuffled, without author, time or group (409 below k responses).' })
  async rawCsv(@Param('id', surveyId) id: string) {
    const { title, bytes } = await this.results.rawCsv(id);
    return csvFile(bytes, `回答_${title}`);
  }
}
