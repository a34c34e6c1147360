import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, ValidateNested } from 'class-validator';

export interface ArrayOfOptions {
  /** The fewest items (none by default). */
  min?: number;
  /** The most items: every list a client sends is bounded. */
  max: number;
  /** The property may be left out (never `null`: see `Nullable`). */
  optional?: boolean;
  description?: string;
}

/**
 * A list of nested DTOs in a request body: an array of min..max items, each validated as `item` (with its own
 * nested lists), and documented as such in OpenAPI. One decorator for what every context's list of objects needs,
 * so no list is left unbounded or unvalidated.
 */
export function ArrayOf(item: () => new () => object, options: ArrayOfOptions): PropertyDecorator {
  const doc = { type: () => [item()], description: options.description };
  return applyDecorators(
    options.optional ? ApiPropertyOptional(doc) : ApiProperty(doc),
    ...(options.optional ? [IsOptional()] : []),
    IsArray(),
    ...(options.min ? [ArrayMinSize(options.min)] : []),
    ArrayMaxSize(options.max),
    ValidateNested({ each: true }),
    Type(item),
  );
}
