import { IsOptional, IsString, IsUUID } from 'class-validator';
import { DomainError } from '@yakuba/contracts';
import { Nullable } from './nullable';
import { validatePayload } from './validation';

class Assignment {
  @Nullable() @IsUUID() assigneeId!: string | null;
  @IsOptional() @IsString() note?: string;
}

async function refusal(payload: object): Promise<string | undefined> {
  try {
    await validatePayload(Assignment, payload);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).message;
  }
}

describe('@Nullable()', () => {
  it('accepts null in a required-but-nullable property, as its documentation says', async () => {
    await expect(refusal({ assigneeId: null })).resolves.toBeUndefined();
    await expect(refusal({ assigneeId: '3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f' })).resolves.toBeUndefined();
  });

  it('still checks a value that is not null, and still requires the property', async () => {
    await expect(refusal({ assigneeId: 'abc' })).resolves.toMatch(/assigneeId/);
    await expect(refusal({})).resolves.toMatch(/assigneeId/);
  });

  it('refuses null where the property is not marked nullable', async () => {
    await expect(refusal({ assigneeId: null, note: null })).resolves.toMatch(/note: must not be null/);
  });
});
