import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@yakuba/contracts';
import { RequirePermissions } from '../auth/decorators';
import { AuditService } from './audit.service';

@ApiTags('audit')
@Controller('audit')
@RequirePermissions('audit.read')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'Audit log, newest first (administrators).' })
  @ApiQuery({ name: 'limit', required: false }) @ApiQuery({ name: 'before', required: false }) @ApiQuery({ name: 'action', required: false })
  list(@Query('limit') limit?: string, @Query('before') before?: string, @Query('action') action?: string) {
    const n = limit === undefined ? 100 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 500) throw new DomainError('bad_request', 'limit: must be an integer from 1 to 500');
    if (before !== undefined && !/^\d{1,18}$/.test(before)) throw new DomainError('bad_request', 'before: must be an entry id');
    if (action !== undefined && action.length > 100) throw new DomainError('bad_request', 'action: too long');
    return this.audit.list({ limit: n, beforeId: before, action });
  }

  @Get('verify')
  @ApiOperation({ summary: 'Re-computes the SHA-256 chain: { valid, checked, brokenAtId?, reason? }.' })
  verify() {
    return this.audit.verify();
  }
}
