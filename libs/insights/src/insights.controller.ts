import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiFile, ApiResult, downloadDisposition, RequirePermissions } from '@yakuba/platform';
import { InsightsService } from './insights.service';

/** The DX KPI dashboard (admins, survey admins). */
@ApiTags('kpis')
@Controller('kpis')
@RequirePermissions('kpis.read')
export class InsightsController {
  constructor(private readonly insights: InsightsService) {}

  @ApiResult(['KpiEntry'])
  @Get()
  @ApiOperation({ summary: 'The DX plan’s staff-side KPIs: target, latest value, verdict, source, history, definition and SQL.' })
  list() {
    return this.insights.list();
  }

  @ApiResult('KpiDashboard')
  @Get('dashboard')
  @ApiOperation({ summary: 'The KPIs plus disaster-drill figures shown apart.' })
  dashboard() {
    return this.insights.dashboard();
  }

  @ApiFile('application/pdf')
  @Get('report.pdf')
  @ApiOperation({ summary: 'One A4 page for the DX promotion meeting.' })
  async pdf() {
    const bytes = await this.insights.reportPdf();
    return new StreamableFile(Buffer.from(bytes), {
      type: 'application/pdf',
      disposition: downloadDisposition('attachment', 'DX推進KPI報告.pdf'),
      length: bytes.length,
    });
  }

  @ApiFile('text/csv')
  @Get('report.csv')
  @ApiOperation({ summary: 'Every KPI and history point as CSV (UTF-8 with BOM).' })
  async csv() {
    const bytes = await this.insights.reportCsv();
    return new StreamableFile(bytes, {
      type: 'text/csv; charset=utf-8',
      disposition: downloadDisposition('attachment', 'DX推進KPI.csv'),
      length: bytes.length,
    });
  }

  @ApiResult('KpiRows')
  @Get(':key/rows')
  @ApiOperation({ summary: 'The rows a figure is computed from (at most 500; aggregated where people are concerned).' })
  rows(@Param('key') key: string) {
    return this.insights.rows(key);
  }
}
