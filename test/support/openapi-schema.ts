/**
 * A validator for the part of OpenAPI 3.0's JSON Schema that the document uses (the contract schemas of
 * scripts/contract-schemas.mjs, the shapes of @ApiResult and Nest's DTO schemas): $ref, allOf, anyOf, oneOf,
 * nullable, type, enum, properties and required, additionalProperties, items, minItems and maxItems, format
 * date-time. Properties the schema does not name are allowed (as in OpenAPI, where additionalProperties defaults
 * to true). Returns the problems, each with the JSON path where it is; none means the value fits.
 */
export type Schema = Record<string, any>;
export interface OpenApiDoc {
  paths: Record<string, Record<string, any>>;
  components?: { schemas?: Record<string, Schema> };
}

const REF = '#/components/schemas/';
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function resolveRef(doc: OpenApiDoc, ref: string): Schema {
  if (!ref.startsWith(REF)) throw new Error(`not a local schema reference: ${ref}`);
  const found = doc.components?.schemas?.[ref.slice(REF.length)];
  if (!found) throw new Error(`unresolved reference: ${ref}`);
  return found;
}

export function validate(doc: OpenApiDoc, schema: Schema, value: unknown, path = '$'): string[] {
  if (schema.$ref) return validate(doc, resolveRef(doc, schema.$ref), value, path);
  if (value === null) return schema.nullable || (!schema.type && !schema.$ref && !schema.allOf && !schema.anyOf && !schema.oneOf && !schema.enum) ? [] : [`${path}: null where the schema is not nullable`];
  const problems: string[] = [];
  for (const part of schema.allOf ?? []) problems.push(...validate(doc, part, value, path));
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (!schema[key]) continue;
    const tries = (schema[key] as Schema[]).map((part) => validate(doc, part, value, path));
    if (!tries.some((t) => t.length === 0)) problems.push(`${path}: fits none of ${key} (${tries.map((t) => t[0]).join(' | ')})`);
  }
  if (schema.enum && !schema.enum.includes(value)) problems.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  switch (schema.type) {
    case undefined:
      break;
    case 'string':
      if (typeof value !== 'string') problems.push(`${path}: ${typeof value} where a string is expected`);
      else if (schema.format === 'date-time' && !ISO_DATE_TIME.test(value)) problems.push(`${path}: ${value} is not an ISO date-time`);
      break;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) problems.push(`${path}: ${JSON.stringify(value)} where a number is expected`);
      break;
    case 'integer':
      if (!Number.isInteger(value)) problems.push(`${path}: ${JSON.stringify(value)} where an integer is expected`);
      break;
    case 'boolean':
      if (typeof value !== 'boolean') problems.push(`${path}: ${typeof value} where a boolean is expected`);
      break;
    case 'array':
      if (!Array.isArray(value)) {
        problems.push(`${path}: ${typeof value} where an array is expected`);
        break;
      }
      if (schema.minItems !== undefined && value.length < schema.minItems) problems.push(`${path}: fewer than ${schema.minItems} items`);
      if (schema.maxItems !== undefined && value.length > schema.maxItems) problems.push(`${path}: more than ${schema.maxItems} items`);
      if (schema.items) value.forEach((item, i) => problems.push(...validate(doc, schema.items, item, `${path}[${i}]`)));
      break;
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) {
        problems.push(`${path}: ${Array.isArray(value) ? 'array' : typeof value} where an object is expected`);
        break;
      }
      const record = value as Record<string, unknown>;
      for (const key of schema.required ?? []) if (!(key in record)) problems.push(`${path}.${key}: missing (required)`);
      for (const [key, v] of Object.entries(record)) {
        const own = schema.properties?.[key];
        if (own) problems.push(...validate(doc, own, v, `${path}.${key}`));
        else if (schema.additionalProperties && typeof schema.additionalProperties === 'object')
          problems.push(...validate(doc, schema.additionalProperties, v, `${path}.${key}`));
      }
      break;
    }
    default:
      problems.push(`${path}: the schema's type ${JSON.stringify(schema.type)} is not one this validator knows`);
  }
  return problems;
}

/** Every `$ref` anywhere in a document (paths and components), with where it is. */
export function refsOf(node: unknown, path = '$', found: { ref: string; at: string }[] = []): { ref: string; at: string }[] {
  if (Array.isArray(node)) node.forEach((v, i) => refsOf(v, `${path}[${i}]`, found));
  else if (node && typeof node === 'object') {
    for (const [key, v] of Object.entries(node)) {
      if (key === '$ref' && typeof v === 'string') found.push({ ref: v, at: path });
      else refsOf(v, `${path}.${key}`, found);
    }
  }
  return found;
}

/** The JSON schema of an operation's successful answer: the 2xx response with application/json content. */
export function okSchema(doc: OpenApiDoc, path: string, method: string): Schema | undefined {
  const responses = doc.paths[path]?.[method]?.responses ?? {};
  for (const [status, response] of Object.entries<any>(responses)) {
    if (/^2\d\d$/.test(status) && response.content?.['application/json']?.schema) return response.content['application/json'].schema;
  }
  return undefined;
}
