import { HttpStatus, RequestMethod } from '@nestjs/common';
import { ApiResponse, type OpenAPIObject, type SchemaObject } from '@nestjs/swagger';
import { CONTRACT_SCHEMAS, type ContractSchemaName, type ContractSchemaTypes } from '@yakuba/contracts';

/**
 * What a route answers, in the OpenAPI document, by the contract's own types (libs/contracts, generated into
 * components.schemas by `npm run openapi:schemas`; docs/architecture.md "OpenAPI"):
 *
 *   @ApiResult('MessageView')                    one contract type ($ref)
 *   @ApiResult(['MessageView'])                  an array of it
 *   @ApiResult({ message: 'MessageView' })       an object of such parts (every property present)
 *   @ApiResult({ cleared: 'integer' })           'string' | 'number' | 'integer' | 'boolean' for plain values
 *   @ApiResult(anyOf('LoginResponse', 'TotpChallenge'))   one of several ('null' among them: nullable)
 *
 * The status is the route's own (the one @HttpCode sets, else 201 for POST and 200 for the rest), so the decorator
 * goes ABOVE the route decorators (@Get, @Post, @HttpCode): decorators apply bottom-up and it reads theirs.
 * TypeScript checks that the handler returns (a promise of) that type; a Date stands for its ISO string.
 */
export function ApiResult<const S extends ResultShape>(shape: S, description?: string): ResultDecorator<ShapeType<S>> {
  return (target, key, descriptor) => {
    const status = routeStatus(target, key, descriptor, 'ApiResult');
    if (status === HttpStatus.NO_CONTENT) throw new Error(`${where(target, key)}: a 204 route has no body: use @ApiNoContent()`);
    ApiResponse({ status, description: description ?? '', schema: toSchema(shape) })(target, key, descriptor);
  };
}

/** A file download (PDF, CSV, an image, a ZIP): the body is the file's bytes, of one of these media types. */
export function ApiFile(...mediaTypes: [string, ...string[]]): MethodDecorator {
  return (target, key, descriptor) => {
    const status = routeStatus(target, key, descriptor, 'ApiFile');
    const content = Object.fromEntries(mediaTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]));
    ApiResponse({ status, description: `the file (${mediaTypes.join(', ')})`, content })(target, key, descriptor);
  };
}

/** A 204 answer: done, and no body (the route says @HttpCode(204)). */
export function ApiNoContent(description = 'done; no body'): MethodDecorator {
  return (target, key, descriptor) => {
    const status = routeStatus(target, key, descriptor, 'ApiNoContent');
    if (status !== HttpStatus.NO_CONTENT) throw new Error(`${where(target, key)}: @ApiNoContent() needs @HttpCode(204) below it`);
    ApiResponse({ status, description })(target, key, descriptor);
  };
}

/**
 * The document with the contract's schemas in components.schemas, where the routes' `$ref`s point. A schema that
 * Nest made from a class of the same name (a request DTO) stays as it is: contract names and class names differ
 * (the OpenAPI spec test/platform/openapi-responses.e2e-spec.ts checks it).
 */
export function withContractSchemas(document: OpenAPIObject): OpenAPIObject {
  type Schemas = NonNullable<NonNullable<OpenAPIObject['components']>['schemas']>;
  const schemas: Schemas = { ...(CONTRACT_SCHEMAS as unknown as Schemas), ...document.components?.schemas };
  return { ...document, components: { ...document.components, schemas } };
}

/* ---------- the shape language ---------- */

type Primitive = 'string' | 'number' | 'integer' | 'boolean' | 'null';
export type ResultShape = ContractSchemaName | Primitive | readonly [ResultShape] | AnyOf<readonly ResultShape[]> | { readonly [key: string]: ResultShape };

/** One of several shapes. */
export class AnyOf<S extends readonly ResultShape[]> {
  constructor(readonly shapes: S) {}
}
export const anyOf = <const S extends readonly ResultShape[]>(...shapes: S): AnyOf<S> => new AnyOf(shapes);

type PrimitiveType<P> = P extends 'string' ? string : P extends 'boolean' ? boolean : P extends 'null' ? null : number;
export type ShapeType<S> = S extends ContractSchemaName
  ? ContractSchemaTypes[S]
  : S extends Primitive
    ? PrimitiveType<S>
    : S extends AnyOf<infer U extends readonly ResultShape[]>
      ? ShapeType<U[number]>
      : S extends readonly [infer I]
        ? ShapeType<I>[]
        : { -readonly [K in keyof S]: ShapeType<S[K]> };

/** What a handler may return for a contract type T: T itself, with Dates where T has ISO strings (JSON writes them so). */
export type Serialized<T> = T extends string
  ? T | Date
  : T extends readonly (infer I)[]
    ? readonly Serialized<I>[]
    : T extends object
      ? { [K in keyof T]: Serialized<T[K]> }
      : T;

/**
 * JSON text already written for a contract type T (PostgreSQL's json_agg, a kept snapshot), sent as it is: the
 * brand says which type the text holds. Made only by `preSerialized`, where the query that writes it is.
 */
export type PreSerialized<T> = string & { readonly __json: T };
export const preSerialized = <T>(json: string): PreSerialized<T> => json as PreSerialized<T>;

type Handler<T> = (...args: any[]) => Serialized<T> | PreSerialized<T> | Promise<Serialized<T> | PreSerialized<T>>;
export type ResultDecorator<T> = <M extends Handler<T>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<M>) => void;

const REF = '#/components/schemas/';
const PRIMITIVES: readonly string[] = ['string', 'number', 'integer', 'boolean'];

export function toSchema(shape: ResultShape): SchemaObject {
  if (shape === 'null') return { nullable: true };
  if (typeof shape === 'string') return PRIMITIVES.includes(shape) ? { type: shape } : ({ $ref: REF + shape } as SchemaObject);
  if (shape instanceof AnyOf) {
    const nullable = shape.shapes.includes('null');
    const parts = shape.shapes.filter((s) => s !== 'null').map(toSchema);
    const one: SchemaObject = parts.length === 1 ? ('$ref' in parts[0] ? { allOf: parts } : parts[0]) : { anyOf: parts };
    return nullable ? { ...one, nullable: true } : one;
  }
  if (Array.isArray(shape)) return { type: 'array', items: toSchema(shape[0] as ResultShape) };
  const entries = Object.entries(shape as Record<string, ResultShape>);
  return { type: 'object', properties: Object.fromEntries(entries.map(([k, v]) => [k, toSchema(v)])), required: entries.map(([k]) => k) };
}

/* ---------- the route's status, from the decorators below this one ---------- */

const METHOD_METADATA = 'method'; // @nestjs/common/constants
const HTTP_CODE_METADATA = '__httpCode__';

const where = (target: object, key: string | symbol) => `${target.constructor.name}.${String(key)}`;

function routeStatus(target: object, key: string | symbol, descriptor: PropertyDescriptor, decorator: string): number {
  const handler = descriptor.value as object;
  const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
  if (method === undefined) throw new Error(`${where(target, key)}: put @${decorator}() above the route decorator (@Get, @Post…)`);
  const code = Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined;
  return code ?? (method === RequestMethod.POST ? HttpStatus.CREATED : HttpStatus.OK);
}
