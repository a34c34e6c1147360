import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** The largest page a list route answers, and the deepest offset (past it, narrow the filters). */
export const PAGE_LIMIT_MAX = 200;
export const PAGE_OFFSET_MAX = 100_000;

/**
 * Offset paging of a list route's query string (`?limit=50&offset=100`): whole numbers from the query string,
 * limit 1..200, offset 0..100,000; a route extends it with its filters and picks its own default limit.
 */
export class OffsetPagingQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: PAGE_LIMIT_MAX, description: 'page size (the route states its default)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PAGE_LIMIT_MAX)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: PAGE_OFFSET_MAX, description: 'rows to skip; default 0' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(PAGE_OFFSET_MAX)
  offset?: number;
}
