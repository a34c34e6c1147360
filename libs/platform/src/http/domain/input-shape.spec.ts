import { inputShapeProblem } from './input-shape';

const nested = (depth: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

describe('inputShapeProblem', () => {
  it('accepts ordinary input of every JSON type', () => {
    expect(inputShapeProblem({ title: '庁議', n: 1, ok: true, none: null, list: [1, 'a', { b: [] }] })).toBeNull();
    expect(inputShapeProblem('text')).toBeNull();
    expect(inputShapeProblem(undefined)).toBeNull();
  });
  it('refuses nesting deeper than the limit without overflowing the stack itself', () => {
    expect(inputShapeProblem(nested(32))).toBeNull();
    expect(inputShapeProblem(nested(33))).toMatch(/nested deeper than 32/);
    expect(inputShapeProblem(nested(100_000))).toMatch(/nested deeper/);
  });
  it('refuses NUL characters in values and names, naming the field', () => {
    expect(inputShapeProblem({ body: 'a\u0000b' })).toBe('body: NUL characters are not allowed');
    expect(inputShapeProblem({ items: [{ text: '\u0000' }] })).toBe('items.0.text: NUL characters are not allowed');
    expect(inputShapeProblem({ ['a\u0000']: 1 })).toMatch(/NUL/);
  });
  it('refuses inputs with too many values', () => {
    expect(inputShapeProblem(new Array(100_001).fill(0))).toMatch(/more than 100000 values/);
  });
});
