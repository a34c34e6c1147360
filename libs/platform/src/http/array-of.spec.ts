import { IsString, MaxLength } from 'class-validator';
import { DomainError } from '@yakuba/contracts';
import { ArrayOf } from './array-of';
import { validatePayload } from './validation';

class Item {
  @IsString() @MaxLength(5) name!: string;
}

class Order {
  @ArrayOf(() => Item, { min: 1, max: 3 }) items!: Item[];
  @ArrayOf(() => Item, { max: 2, optional: true }) extras?: Item[];
}

async function refusal(payload: object): Promise<string | undefined> {
  try {
    await validatePayload(Order, payload);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).message;
  }
}

describe('@ArrayOf()', () => {
  it('accepts a list within its bounds, each item valid, and an optional list left out', async () => {
    await expect(refusal({ items: [{ name: 'a' }, { name: 'b' }] })).resolves.toBeUndefined();
    await expect(refusal({ items: [{ name: 'a' }], extras: [] })).resolves.toBeUndefined();
  });

  it('refuses too few, too many, a non-list, a missing required list and null', async () => {
    await expect(refusal({ items: [] })).resolves.toMatch(/items/);
    await expect(refusal({ items: [1, 2, 3, 4].map(() => ({ name: 'a' })) })).resolves.toMatch(/items/);
    await expect(refusal({ items: { name: 'a' } })).resolves.toMatch(/items/);
    await expect(refusal({})).resolves.toMatch(/items/);
    await expect(refusal({ items: [{ name: 'a' }], extras: null })).resolves.toMatch(/extras/);
    await expect(refusal({ items: [{ name: 'a' }], extras: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] })).resolves.toMatch(/extras/);
  });

  it('validates every item as its DTO', async () => {
    await expect(refusal({ items: [{ name: 'a' }, { name: 'too long' }] })).resolves.toMatch(/items\.1\.name|name/);
    await expect(refusal({ items: [{ name: 7 }] })).resolves.toMatch(/name/);
    await expect(refusal({ items: ['a'] })).resolves.toMatch(/items/);
  });
});
