// JSON Schemas (OpenAPI 3.0 dialect) of the public contract's types, generated from libs/contracts/src with the
// TypeScript compiler API, so that the OpenAPI document's response schemas are the very types that the server
// returns and the web client reads, and cannot drift from them.
//
//   npm run openapi:schemas            writes libs/contracts/src/generated/contract-schemas.ts
//   node scripts/contract-schemas.mjs --print   prints that file's text (the e2e spec compares it with the committed one)
//
// Every exported interface and type alias of libs/contracts/src/index.ts that describes JSON becomes
// components.schemas.<Name>; references between them are `$ref: '#/components/schemas/<Name>'`. Generic types and
// types with functions in them are left out (they are not wire shapes). Date is an ISO 8601 string (JSON.stringify).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const contractsDir = join(root, 'libs/contracts/src');
const entry = join(contractsDir, 'index.ts');
export const OUTPUT = join(contractsDir, 'generated/contract-schemas.ts');
const REF = '#/components/schemas/';

class Unsupported extends Error {}

export function generateContractSchemas() {
  const program = ts.createProgram([entry], {
    target: ts.ScriptTarget.ES2023,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entry));
  const resolve = (symbol) => (symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol);
  const inContracts = (decl) => {
    const file = decl.getSourceFile().fileName;
    return file.startsWith(contractsDir) && !file.startsWith(join(contractsDir, 'generated'));
  };

  /** Exported, non-generic interfaces and type aliases: the candidates for a named schema. */
  const named = new Map(); // symbol → name
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = resolve(exported);
    const decl = symbol.declarations?.find((d) => ts.isInterfaceDeclaration(d) || ts.isTypeAliasDeclaration(d));
    if (!decl || !inContracts(decl) || decl.typeParameters?.length) continue;
    named.set(symbol, exported.name);
  }

  const ref = (name) => ({ $ref: REF + name });
  const describe = (symbol) => {
    // An `@word` inside the prose (「@mention them」) is parsed as a JSDoc tag: it is put back where it was.
    const tags = symbol.getJsDocTags(checker).map((tag) => ` @${tag.name} ${ts.displayPartsToString(tag.text ?? [])}`);
    const text = (ts.displayPartsToString(symbol.getDocumentationComment(checker)) + tags.join('')).replace(/\s+/g, ' ').trim();
    return text ? { description: text } : {};
  };
  /** The name under which a symbol is a named schema (an alias of it, e.g. `export { X as Y }`, counts too). */
  const nameOf = (symbol) => (symbol ? named.get(symbol) ?? named.get(resolve(symbol)) : undefined);
  const inGenericScope = (node) => {
    for (let n = node; n; n = n.parent) {
      if ((ts.isInterfaceDeclaration(n) || ts.isTypeAliasDeclaration(n) || ts.isClassDeclaration(n)) && n.typeParameters?.length) return true;
      if (ts.isMappedTypeNode(n)) return true;
    }
    return false;
  };

  /**
   * `anyOf` of the parts of a union, with `null` as `nullable`; literals of one kind (a named union of literals
   * among them too: `ApprovalActionName | 'create'`) become one `enum`, `true | false` one boolean.
   */
  function union(parts, convert, isNull, isUndefined, literalsOf) {
    const kept = parts.filter((p) => !isUndefined(p));
    const nullable = kept.some(isNull);
    const rest = kept.filter((p) => !isNull(p));
    const literals = rest.map(literalsOf);
    let schema;
    if (rest.length && literals.every((l) => l !== undefined)) {
      const flat = literals.flat();
      const values = [...new Set(flat.map((l) => l.value))];
      const kinds = new Set(flat.map((l) => l.kind));
      if (kinds.size === 1 && kinds.has('boolean')) schema = values.length === 2 ? { type: 'boolean' } : { type: 'boolean', enum: values };
      else if (kinds.size === 1) schema = { type: [...kinds][0], enum: values };
      else if ([...kinds].every((k) => k === 'integer' || k === 'number')) schema = { type: 'number', enum: values };
    }
    if (!schema) {
      const booleans = rest.filter((p, i) => literals[i]?.every((l) => l.kind === 'boolean'));
      const others = rest.filter((p) => !booleans.includes(p));
      const schemas = others.map(convert);
      if (booleans.length) schemas.push({ type: 'boolean' });
      if (!schemas.length) throw new Unsupported('empty union');
      schema = schemas.length === 1 ? schemas[0] : { anyOf: schemas };
    }
    return nullable ? withNull(schema) : schema;
  }
  const withNull = (schema) => (schema.$ref || schema.anyOf ? { ...(schema.$ref ? { allOf: [schema] } : schema), nullable: true } : { ...schema, nullable: true });

  const objectOf = (properties, required, extra) => {
    const schema = { type: 'object', properties };
    if (required.length) schema.required = required;
    if (extra) schema.additionalProperties = extra;
    return schema;
  };

  /** A property of an interface, type literal or checker type: its declared type node where that says more (refs). */
  function propertySchema(prop) {
    const decl = prop.valueDeclaration ?? prop.declarations?.[0];
    // A property of a mapped or instantiated type (Pick, Partial, Record) is transient: its declared node may not say its type.
    const declared = decl && (ts.isPropertySignature(decl) || ts.isPropertyDeclaration(decl)) && decl.type && !inGenericScope(decl) && !(prop.flags & ts.SymbolFlags.Transient);
    let schema = declared ? fromNode(decl.type) : fromType(checker.getTypeOfSymbol(prop));
    const doc = describe(prop);
    if (doc.description) schema = schema.$ref ? { allOf: [schema], ...doc } : { ...schema, ...doc };
    return schema;
  }
  const isOptional = (prop) => (prop.flags & ts.SymbolFlags.Optional) !== 0;

  /* ---------- from a type node (keeps the names of referenced types) ---------- */
  function fromNode(node) {
    switch (node.kind) {
      case ts.SyntaxKind.StringKeyword:
        return { type: 'string' };
      case ts.SyntaxKind.NumberKeyword:
        return { type: 'number' };
      case ts.SyntaxKind.BooleanKeyword:
        return { type: 'boolean' };
      case ts.SyntaxKind.UnknownKeyword:
      case ts.SyntaxKind.AnyKeyword:
        return {};
      case ts.SyntaxKind.ObjectKeyword:
        return { type: 'object', additionalProperties: {} };
      case ts.SyntaxKind.ParenthesizedType:
        return fromNode(node.type);
      case ts.SyntaxKind.ArrayType:
        return { type: 'array', items: fromNode(node.elementType) };
      case ts.SyntaxKind.TypeOperator:
        if (node.operator === ts.SyntaxKind.ReadonlyKeyword) return fromNode(node.type);
        return fromType(checker.getTypeFromTypeNode(node));
      case ts.SyntaxKind.LiteralType:
        return fromType(checker.getTypeFromTypeNode(node));
      case ts.SyntaxKind.UnionType:
        return union(
          node.types,
          fromNode,
          (n) => n.kind === ts.SyntaxKind.LiteralType && n.literal.kind === ts.SyntaxKind.NullKeyword,
          (n) => n.kind === ts.SyntaxKind.UndefinedKeyword,
          (n) => literalsOf(checker.getTypeFromTypeNode(n)),
        );
      case ts.SyntaxKind.TypeLiteral:
        return typeLiteral(node);
      case ts.SyntaxKind.IntersectionType: {
        const parts = node.types.map(fromNode);
        return parts.length === 1 ? parts[0] : { allOf: parts };
      }
      case ts.SyntaxKind.TypeReference:
        return typeReference(node);
      default:
        return fromType(checker.getTypeFromTypeNode(node));
    }
  }

  function typeReference(node) {
    const symbol = resolve(checker.getSymbolAtLocation(node.typeName));
    const name = nameOf(symbol);
    if (name) return ref(name);
    const text = node.typeName.getText();
    const args = node.typeArguments ?? [];
    if ((text === 'Array' || text === 'ReadonlyArray') && args.length === 1) return { type: 'array', items: fromNode(args[0]) };
    if (text === 'Date') return { type: 'string', format: 'date-time' };
    if (text === 'Record' && args.length === 2) {
      const keys = checker.getTypeFromTypeNode(args[0]);
      if (keys.flags & ts.TypeFlags.String || keys.flags & ts.TypeFlags.Number) return { type: 'object', additionalProperties: fromNode(args[1]) };
      const value = fromNode(args[1]);
      const names = (keys.isUnion() ? keys.types : [keys]).map((k) => literal(k)?.value);
      if (names.some((n) => n === undefined)) throw new Unsupported(`Record keys ${args[0].getText()}`);
      return objectOf(Object.fromEntries(names.map((n) => [String(n), value])), names.map(String));
    }
    // A local (unexported) interface or alias, a utility type (Pick, Omit, Partial), (typeof X)[number]…: the checker's type.
    const decl = symbol?.declarations?.[0];
    if (decl && ts.isInterfaceDeclaration(decl) && !decl.typeParameters?.length) return fromType(checker.getDeclaredTypeOfSymbol(symbol));
    if (decl && ts.isTypeAliasDeclaration(decl) && !decl.typeParameters?.length) return fromNode(decl.type);
    return fromType(checker.getTypeFromTypeNode(node));
  }

  const typeLiteral = (node) => fromObjectType(checker.getTypeFromTypeNode(node));

  /* ---------- from a checker type (mapped and utility types, indexed access, inferred unions) ---------- */
  function literal(type) {
    if (type.flags & ts.TypeFlags.StringLiteral) return { kind: 'string', value: type.value };
    if (type.flags & ts.TypeFlags.NumberLiteral) return { kind: Number.isInteger(type.value) ? 'integer' : 'number', value: type.value };
    if (type.flags & ts.TypeFlags.BooleanLiteral) return { kind: 'boolean', value: type.intrinsicName === 'true' };
    return undefined;
  }

  /** The literals a type stands for (a literal, or a union of literals), or undefined. */
  function literalsOf(type) {
    const parts = type.isUnion() ? type.types : [type];
    const found = parts.map(literal);
    return found.every((l) => l !== undefined) ? found : undefined;
  }

  function fromType(type, self) {
    const f = type.flags;
    if (!self) {
      const name = nameOf(type.aliasSymbol) ?? (type.aliasSymbol ? undefined : nameOf(type.symbol));
      if (name && !(type.aliasTypeArguments?.length)) return ref(name);
    }
    if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
    if (f & ts.TypeFlags.String) return { type: 'string' };
    if (f & ts.TypeFlags.Number) return { type: 'number' };
    if (f & ts.TypeFlags.Boolean) return { type: 'boolean' };
    if (f & ts.TypeFlags.TemplateLiteral) return { type: 'string' };
    if (f & ts.TypeFlags.Null) return { nullable: true };
    const lit = literal(type);
    if (lit) return lit.kind === 'boolean' ? { type: 'boolean', enum: [lit.value] } : { type: lit.kind, enum: [lit.value] };
    if (type.isUnion())
      return union(
        type.types,
        (t) => fromType(t),
        (t) => (t.flags & ts.TypeFlags.Null) !== 0,
        (t) => (t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)) !== 0,
        literalsOf,
      );
    if (f & ts.TypeFlags.NonPrimitive) return { type: 'object', additionalProperties: {} };
    if (f & ts.TypeFlags.Object || type.isIntersection()) {
      if (checker.isArrayType(type)) return { type: 'array', items: fromType(checker.getTypeArguments(type)[0]) };
      if (checker.isTupleType(type)) {
        const items = checker.getTypeArguments(type).map((t) => fromType(t));
        const distinct = [...new Set(items.map((i) => JSON.stringify(i)))].map((i) => JSON.parse(i));
        return { type: 'array', items: distinct.length === 1 ? distinct[0] : { anyOf: distinct }, minItems: items.length, maxItems: items.length };
      }
      if (type.symbol?.name === 'Date') return { type: 'string', format: 'date-time' };
      return fromObjectType(type);
    }
    throw new Unsupported(checker.typeToString(type));
  }

  function fromObjectType(type) {
    if (checker.getSignaturesOfType(type, ts.SignatureKind.Call).length) throw new Unsupported('a function');
    const properties = {};
    const required = [];
    for (const prop of checker.getPropertiesOfType(type)) {
      properties[prop.name] = propertySchema(prop);
      if (!isOptional(prop)) required.push(prop.name);
    }
    const index = checker.getIndexInfosOfType(type)[0];
    const extra = index ? fromType(index.type) : undefined;
    if (!Object.keys(properties).length && !extra) return { type: 'object', additionalProperties: {} };
    return objectOf(properties, required, extra);
  }

  /* ---------- the named schemas ---------- */
  const schemas = {};
  const skipped = [];
  for (const [symbol, name] of [...named].sort((a, b) => (a[1] < b[1] ? -1 : 1))) {
    const decl = symbol.declarations.find((d) => ts.isInterfaceDeclaration(d) || ts.isTypeAliasDeclaration(d));
    try {
      let schema;
      if (ts.isInterfaceDeclaration(decl)) schema = fromObjectType(checker.getDeclaredTypeOfSymbol(symbol));
      else if (decl.type.kind === ts.SyntaxKind.TypeReference || decl.type.kind === ts.SyntaxKind.TypeLiteral || decl.type.kind === ts.SyntaxKind.UnionType || decl.type.kind === ts.SyntaxKind.IntersectionType || decl.type.kind === ts.SyntaxKind.ArrayType) {
        // Not a reference to itself: the alias's own shape (an alias of another named type stays a reference to it).
        schema = decl.type.kind === ts.SyntaxKind.TypeReference ? fromType(checker.getTypeFromTypeNode(decl.type), true) : fromNode(decl.type);
        if (decl.type.kind === ts.SyntaxKind.TypeReference) {
          const target = nameOf(resolve(checker.getSymbolAtLocation(decl.type.typeName)));
          if (target && target !== name) schema = ref(target);
        }
      } else schema = fromType(checker.getTypeFromTypeNode(decl.type), true);
      const doc = describe(symbol);
      schemas[name] = schema.$ref ? { allOf: [schema], ...doc } : { ...schema, ...doc };
    } catch (error) {
      if (!(error instanceof Unsupported)) throw error;
      skipped.push(`${name} (${error.message})`);
    }
  }
  // A schema that refers to one left out is left out too (until none does).
  for (let changed = true; changed; ) {
    changed = false;
    for (const [name, schema] of Object.entries(schemas)) {
      const missing = [...JSON.stringify(schema).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]).find((n) => !schemas[n]);
      if (missing) {
        delete schemas[name];
        skipped.push(`${name} (refers to ${missing})`);
        changed = true;
      }
    }
  }
  return { schemas, skipped, names: Object.keys(schemas) };
}

/** The generated module: the schemas, and a map from each name to its TypeScript type (for typed decorators). */
export function renderContractSchemas({ schemas, names }) {
  const lines = [
    `// Generated by scripts/contract-schemas.mjs from ${relative(root, contractsDir)} (npm run openapi:schemas): do not edit.`,
    '// JSON Schemas (OpenAPI 3.0) of the contract types, the response schemas of the OpenAPI document (docs/architecture.md).',
    "import type * as C from '../index';",
    '',
    '/** Each named schema → the contract type it describes. */',
    'export interface ContractSchemaTypes {',
    ...names.map((n) => `  ${n}: C.${n};`),
    '}',
    'export type ContractSchemaName = keyof ContractSchemaTypes;',
    '',
    'export const CONTRACT_SCHEMAS: Readonly<Record<ContractSchemaName, object>> = ' + JSON.stringify(schemas, null, 2) + ';',
    '',
  ];
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = generateContractSchemas();
  const text = renderContractSchemas(result);
  if (process.argv.includes('--print')) process.stdout.write(text);
  else {
    mkdirSync(dirname(OUTPUT), { recursive: true });
    const before = (() => {
      try {
        return readFileSync(OUTPUT, 'utf8');
      } catch {
        return '';
      }
    })();
    if (before !== text) writeFileSync(OUTPUT, text);
    console.log(`${relative(root, OUTPUT)}: ${result.names.length} schemas${before === text ? ' (unchanged)' : ''}`);
    if (result.skipped.length) console.log(`left out (not wire shapes): ${result.skipped.join(', ')}`);
  }
}
