import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { downloadDisposition, RequirePermissions } from '@yakuba/platform';
import { InsightsService } from './insights.service';

const historySchema = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      label: { type: 'string' },
      at: { type: 'string' },
      value: { type: 'number', nullable: true },
      verdict: { type: 'string', enum: ['met', 'not_met', 'unclear'] },
      interval: { type: 'array', items: { type: 'number' } },
      n: { type: 'integer' },
      population: { type: 'integer' },
    },
  },
};

export const KPI_ENTRY_SCHEMA = {
  type: 'object',
  description: 'KpiEntry (libs/contracts/src/insights.ts)',
  properties: {
    key: { type: 'string' },
    title: { type: 'string' },
    titleEn: { type: 'string' },
    planRef: { type: 'string', nullable: true },
    target: { type: 'number', nullable: true },
    unit: { type: 'string', enum: ['share', 'count', 'hours', 'minutes', 'seconds'] },
    higherIsBetter: { type: 'boolean' },
    value: { type: 'number', nullable: true },
    verdict: { type: 'string', enum: ['met', 'not_met', 'unclear'] },
    source: { type: 'string', enum: ['surveys', 'meetings', 'approvals', 'chat', 'disasters'] },
    noData: { type: 'string' },
    interval: { type: 'array', items: { type: 'number' } },
    bounds: { type: 'array', items: { type: 'number' } },
    agree: { type: 'integer' },
    n: { type: 'integer' },
    population: { type: 'integer' },
    surveyId: { type: 'string', format: 'uuid' },
    asOf: { type: 'string', format: 'date-time', nullable: true },
    history: historySchema,
    definition: { type: 'object', properties: { ja: { type: 'string' }, en: { type: 'string' }, sql: { type: 'string' } } },
  },
};

/** The DX KPI dashboard (admins, survey admins). */
@ApiTags('kpis')
@Controller('kpis')
@RequirePermissions('kpis.read')
export class InsightsController {
  constructor(private readonly insights: InsightsService) {}

  @Get()
  @ApiOperation({ summary: 'The DX plan’s staff-side KPIs: target, latest value, verdict, source, history, definition and SQL.' })
  @ApiOkResponse({ schema: { type: 'array', items: KPI_ENTRY_SCHEMA } })
  list() {
    return this.insights.list();
  }

  @Get('dashboard')
  @ApiOperation({ summary: 'The KPIs plus disaster-drill figures shown apart.' })
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: {
        generatedAt: { type: 'string', format: 'date-time' },
        kpis: { type: 'array', items: KPI_ENTRY_SCHEMA },
        drills: {
          type: 'object',
          properties: {
            available: { type: 'boolean' },
            noData: { type: 'string' },
            drills: { type: 'array', items: { type: 'object', additionalProperties: true } },
            definition: { type: 'object', properties: { ja: { type: 'string' }, en: { type: 'string' }, sql: { type: 'string' } } },
          },
        },
      },
    },
  })
  dashboard() {
    return this.insights.dashboard();
  }

  @Get('report.pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'One A4 page for the DX promotion meeting.' })
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async pdf() {
    const bytes = await this.insights.reportPdf();
    return new StreamableFile(Buffer.from(bytes), {
      type: 'application/pdf',
      disposition: downloadDisposition('attachment', 'DX推進KPI報告.pdf'),
      length: bytes.length,
    });
  }

  @Get('report.csv')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'Every KPI and history point as CSV (UTF-8 with BOM).' })
  @ApiOkResponse({ schema: { type: 'string' } })
  async csv() {
    const bytes = await this.insights.reportCsv();
    return new StreamableFile(bytes, {
      type: 'text/csv; charset=utf-8',
      disposition: downloadDisposition('attachment', 'DX推進KPI.csv'),
      length: bytes.length,
    });
  }

  @Get(':key/rows')
  @ApiOperation({ summary: 'The rows a figure is computed from (at most 500; aggregated where people are concerned).' })
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: {
        key: { type: 'string' },
        columns: { type: 'array', items: { type: 'string' } },
        rows: {
          type: 'array',
          items: { type: 'array', items: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }], nullable: true } },
        },
        truncated: { type: 'boolean' },
      },
    },
  })
  rows(@Param('key') key: string) {
    return this.insights.rows(key);
  }
}
