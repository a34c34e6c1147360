import { Controller, Get, Header, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClientIp, CurrentUser, RequirePermissions } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { downloadDisposition } from '../files/uploads';
import { ApiFile, ApiResult } from '../http/api-result';
import { AuditService } from './audit.service';
import { auditFilter } from './domain/audit-filter';
import { AuditExportQuery, AuditListQuery } from './dto/audit-query.dto';

@ApiTags('audit')
@Controller('audit')
@RequirePermissions('audit.read')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @ApiResult(['AuditEntryView'])
  @Get()
  @ApiOperation({ summary: 'Audit log, newest first (administrators); filter by action prefix, actor and time.' })
  list(@Query() query: AuditListQuery) {
    return this.audit.list({ ...auditFilter(query), limit: query.limit ?? 100, beforeId: query.before });
  }

  @ApiFile('text/csv')
  @Get('export.csv')
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({
    summary:
      'The audit log as a CSV file for Excel, oldest first (administrators); the same filters as the list, at most 100000 entries. ' +
      'UTF-8 with BOM, or Shift_JIS (characters it lacks become 〓). The export is itself audited.',
  })
  async export(@CurrentUser() actor: Principal, @Query() query: AuditExportQuery, @ClientIp() ip: string) {
    const encoding = query.encoding ?? 'utf-8';
    const bytes = await this.audit.exportCsv(actor.id, auditFilter(query), encoding, ip);
    return new StreamableFile(bytes, {
      type: `text/csv; charset=${encoding === 'utf-8' ? 'utf-8' : 'shift_jis'}`,
      disposition: downloadDisposition('attachment', 'audit-log.csv'),
      length: bytes.length,
    });
  }

  @ApiResult('AuditVerdict')
  @Get('verify')
  @ApiOperation({
    summary:
      'Re-computes the SHA-256 chain, then cross-checks the rows that mirror its entries (the approval history): ' +
      '{ valid, checked, brokenAtId?, reason? }, brokenAtId being the first entry whose chain link or mirrored row is broken.',
  })
  verify() {
    return this.audit.verify();
  }
}
