import fc from 'fast-check';

/** The part of an OpenAPI 3 schema the generators read. */
export interface Schema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  nullable?: boolean;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  format?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface Operation {
  parameters?: { name: string; in: 'path' | 'query' | 'header'; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

/** Strings that have broken servers before: NUL, surrogates, huge, markup, SQL, paths, number-ish, date-ish. */
const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\uffff',
  '𠮷野家🙂',
  '<script>window.__pwned=1</script>',
  "'; DROP TABLE users; --",
  '../../../../etc/passwd',
  '%00',
  '-1',
  '1e309',
  'NaN',
  'null',
  '[]',
  '{}',
  '2026-02-30T25:61:00Z',
  '0000-00-00',
  '00000000-0000-4000-8000-000000000000',
  'x'.repeat(70_000),
];

const HOSTILE_NUMBERS = [0, -1, 1, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308, 0.5, -0.0];

/** JSON nested `depth` levels deep, as arrays or as objects. */
export function deeplyNested(depth: number, kind: 'array' | 'object'): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = kind === 'array' ? [value] : { a: value };
  return value;
}

export class Arbitraries {
  /** Every property name any schema of the document knows: the keys a hostile object is built from. */
  readonly knownKeys: string[];

  constructor(
    private readonly doc: OpenApiDocument,
    /** Real ids of rows of every table, so that generated requests reach handlers past their lookups. */
    private readonly realIds: string[],
  ) {
    const keys = new Set<string>([
      'id',
      'channelId',
      'messageId',
      'meetingId',
      'documentId',
      'userId',
      'page',
      'body',
      'cursors',
      'seq',
      'clientId',
    ]);
    for (const schema of Object.values(doc.components?.schemas ?? {})) Object.keys(schema.properties ?? {}).forEach((k) => keys.add(k));
    this.knownKeys = [...keys].sort();
  }

  resolve(schema: Schema | undefined): Schema | undefined {
    let current = schema;
    for (let hops = 0; current?.$ref && hops < 20; hops++) {
      current = this.doc.components?.schemas?.[current.$ref.replace('#/components/schemas/', '')];
    }
    return current;
  }

  string(): fc.Arbitrary<string> {
    return fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
      { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
      { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
      { weight: 3, arbitrary: this.id() },
      { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()) },
    );
  }

  id(): fc.Arbitrary<string> {
    return this.realIds.length
      ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...this.realIds) }, { weight: 1, arbitrary: fc.uuid() })
      : fc.uuid();
  }

  number(): fc.Arbitrary<number> {
    return fc.oneof(fc.constantFrom(...HOSTILE_NUMBERS), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
  }

  /** Any JSON value, including shapes no route expects. */
  anything(): fc.Arbitrary<unknown> {
    return fc.oneof(
      { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
      { weight: 1, arbitrary: fc.constantFrom(deeplyNested(2_000, 'array'), deeplyNested(1_500, 'object'), deeplyNested(40, 'object')) },
      { weight: 2, arbitrary: this.hostileObject() },
    );
  }

  /** Objects built from the document's own keys with values of every type: wrong types, nulls, prototype keys. */
  hostileObject(): fc.Arbitrary<Record<string, unknown>> {
    const value = fc.oneof(
      this.string(),
      this.number(),
      fc.boolean(),
      fc.constant(null),
      fc.array(this.string(), { maxLength: 4 }),
      fc.array(this.id(), { maxLength: 4 }),
      fc.dictionary(fc.constantFrom(...this.knownKeys), this.string(), { maxKeys: 3 }),
    );
    return fc
      .tuple(
        fc.dictionary(fc.constantFrom(...this.knownKeys), value, { maxKeys: 8 }),
        fc.constantFrom<Record<string, unknown>>(
          {},
          {},
          {},
          { ['__proto__']: { polluted: true } },
          { constructor: { prototype: { polluted: true } } },
        ),
      )
      .map(([a, b]) =>
        Object.assign(JSON.parse(JSON.stringify(a)) as Record<string, unknown>, JSON.parse(JSON.stringify(b)) as Record<string, unknown>),
      );
  }

  /** A value shaped like the schema most of the time, with every field sometimes null, missing or mistyped. */
  fromSchema(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
    const s = this.resolve(schema);
    if (!s || depth > 6) return this.anything();
    const shaped = this.shaped(s, depth);
    return fc.oneof(
      { weight: 6, arbitrary: shaped },
      { weight: 1, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: this.string() },
      { weight: 1, arbitrary: this.number() },
      { weight: 1, arbitrary: fc.array(shaped, { maxLength: 2 }) },
    );
  }

  private shaped(s: Schema, depth: number): fc.Arbitrary<unknown> {
    const variants = s.oneOf ?? s.anyOf;
    if (variants?.length) return fc.oneof(...variants.map((v) => this.fromSchema(v, depth + 1)));
    if (s.allOf?.length) return this.fromSchema(s.allOf[0], depth + 1);
    if (s.enum?.length) return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...s.enum) }, { weight: 1, arbitrary: this.string() });
    const type = Array.isArray(s.type) ? s.type[0] : s.type;
    switch (type) {
      case 'string':
        return s.format === 'uuid' ? this.id() : this.string();
      case 'integer':
      case 'number':
        return this.number();
      case 'boolean':
        return fc.oneof(fc.boolean(), fc.constantFrom<unknown>('true', 0, 1));
      case 'array':
        return fc.array(this.fromSchema(s.items, depth + 1), { maxLength: 5 });
      case 'object':
      case undefined:
      default: {
        const props = Object.entries(s.properties ?? {});
        if (!props.length) return this.anything();
        const record = fc.record(Object.fromEntries(props.map(([k, v]) => [k, this.fromSchema(v, depth + 1)])), { requiredKeys: [] });
        return fc
          .tuple(record, fc.dictionary(fc.constantFrom(...this.knownKeys), this.string(), { maxKeys: 2 }))
          .map(([r, extra]) => ({ ...extra, ...r }));
      }
    }
  }
}
