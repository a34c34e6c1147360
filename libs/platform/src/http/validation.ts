import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate } from 'class-validator';
import { DomainError } from '@yakuba/contracts';
import { unexpectedNulls } from './nullable';

function flatten(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((e) => {
    const path = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {});
    return [
      ...own.map((m) => (m.startsWith(e.property) ? `${path}${m.slice(e.property.length)}` : `${path}: ${m}`)),
      ...flatten(e.children ?? [], path),
    ];
  });
}

export function validationMessage(errors: ValidationError[]): string {
  return flatten(errors).join('; ') || 'invalid input';
}

export const VALIDATION_OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

/** Refuses `null` where the DTO does not say `@Nullable()` (the message names every such field). */
function refuseNulls(instance: unknown): void {
  const nulls = unexpectedNulls(instance);
  if (nulls.length > 0) throw new DomainError('bad_request', nulls.join('; '));
}

/** The global pipe: whitelist, refuse unknown fields and unexpected nulls, transform; the message names every bad field. */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const result = await super.transform(value, metadata);
    // Only bodies this pipe validated against a DTO class (socket handlers validate their payloads themselves).
    if (metadata.type === 'body' && this.toValidate(metadata)) refuseNulls(result);
    return result;
  }
}

export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    ...VALIDATION_OPTIONS,
    transform: true,
    exceptionFactory: (errors) => new DomainError('bad_request', validationMessage(errors)),
  });
}

/**
 * The same validation for socket payloads (Nest pipes do not produce acknowledgements). The caller has checked the
 * payload's depth, size and NUL characters first (handleSocketEvent), as the HTTP middleware does for bodies.
 */
export async function validatePayload<T extends object>(cls: ClassConstructor<T>, payload: unknown): Promise<T> {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new DomainError('bad_request', 'payload must be an object');
  }
  const instance = plainToInstance(cls, payload);
  const errors = await validate(instance, VALIDATION_OPTIONS);
  if (errors.length > 0) throw new DomainError('bad_request', validationMessage(errors));
  refuseNulls(instance);
  return instance;
}
