import 'reflect-metadata';
import { ValidateIf } from 'class-validator';

const NULLABLE = Symbol('yakuba:nullable');

/**
 * Marks a DTO property that accepts `null` (to clear a value). Every other property refuses `null`: class-validator's
 * `@IsOptional()` lets `null` through, which stored `startsAt: null` as 1970 and `null` in required lists.
 */
export const Nullable = (): PropertyDecorator => (target, key) => {
  Reflect.defineMetadata(NULLABLE, true, target, key);
  // `null` is then the value itself, not a string or a UUID to check: without this a required-but-nullable property
  // (`@Nullable() @IsUUID() assigneeId`) refused the `null` its documentation allows. A missing one is still checked.
  ValidateIf((o: Record<string | symbol, unknown>) => o[key] !== null)(target, key);
};

/** Where a validated DTO holds `null` in a property not marked `@Nullable()`, nested DTOs and arrays included. */
export function unexpectedNulls(value: unknown, path = ''): string[] {
  if (value === null || typeof value !== 'object') return [];
  const found: string[] = [];
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  for (const [key, child] of entries) {
    const where = path ? `${path}.${key}` : key;
    if (child === null) {
      if (Array.isArray(value) || !Reflect.getMetadata(NULLABLE, value, key)) found.push(`${where}: must not be null`);
    } else found.push(...unexpectedNulls(child, where));
  }
  return found;
}
