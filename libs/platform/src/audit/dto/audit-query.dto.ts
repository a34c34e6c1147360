import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

/** Which entries: the list and the CSV export take the same filters. */
export class AuditFilterQuery {
  @ApiPropertyOptional({ description: 'Entries whose action starts with this, e.g. `auth.` or `meeting.document`', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Entries by this user' })
  @IsOptional()
  @IsUUID()
  actor?: string;

  @ApiPropertyOptional({ description: 'Entries at or after this time (ISO 8601; a date alone is 00:00 Tokyo time)', example: '2026-04-01' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Entries before this time (ISO 8601; a date alone is 00:00 Tokyo time)', example: '2026-05-01' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class AuditListQuery extends AuditFilterQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'Entries with an id below this one (the next page, newest first)' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'before must be an entry id' })
  before?: string;
}

export class AuditExportQuery extends AuditFilterQuery {
  @ApiPropertyOptional({ enum: ['utf-8', 'shift_jis'], default: 'utf-8', description: 'utf-8 (with BOM) or shift_jis for older Excel' })
  @IsOptional()
  @IsIn(['utf-8', 'shift_jis'])
  encoding?: 'utf-8' | 'shift_jis';
}
