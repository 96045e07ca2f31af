import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { publishedSchema } from './published-schema.ts';
import {
  type MetadataDoc,
  type MetadataKind,
  type MetadataProblem,
  metadataKinds,
  type SourceDoc,
} from './types.ts';

/** A document that passed its schema, with where it came from. */
export type ValidDoc = { source: string; doc: MetadataDoc };

const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);
const machineNamePattern = '^[a-z][a-zA-Z0-9]*$';

type Describe = (error: ErrorObject) => string;

const describeByKeyword: Record<string, Describe> = {
  additionalProperties: (e) => `unknown property "${String(e.params.additionalProperty)}"`,
  required: (e) => `missing required property "${String(e.params.missingProperty)}"`,
  type: (e) => `must be ${String(e.params.type).replace(/,/g, ' or ')}`,
  enum: (e) => `must be one of: ${(e.params.allowedValues as unknown[]).join(', ')}`,
  const: (e) => `must be "${String(e.params.allowedValue)}"`,
  pattern: (e) =>
    e.params.pattern === machineNamePattern
      ? 'must be a machine name: a lowercase letter followed by letters and digits'
      : `must match the pattern ${String(e.params.pattern)}`,
  propertyNames: () => 'is not a valid machine name (a lowercase letter followed by letters and digits)',
  maxItems: (e) => `must have at most ${String(e.params.limit)} items`,
  minItems: (e) => `must have at least ${String(e.params.limit)} item(s)`,
  maxLength: (e) => `must be at most ${String(e.params.limit)} characters long`,
  minLength: (e) => `must be at least ${String(e.params.limit)} character(s) long`,
  maxProperties: (e) => `must have at most ${String(e.params.limit)} entries`,
  minimum: (e) => `must be at least ${String(e.params.limit)}`,
  maximum: (e) => `must be at most ${String(e.params.limit)}`,
  uniqueItems: () => 'must not repeat items',
};

/** Where an ajv error points: the offending property itself rather than its parent object. */
function problemPath(error: ErrorObject): string {
  const key = error.params.additionalProperty ?? error.params.missingProperty ?? error.params.propertyName;
  return typeof key === 'string' ? `${error.instancePath}/${key}` : error.instancePath;
}

function describeSchemaErrors(errors: readonly ErrorObject[]): Array<{ path: string; message: string }> {
  const seen = new Set<string>();
  const result: Array<{ path: string; message: string }> = [];
  for (const error of errors) {
    // A bad property name is reported once, by `propertyNames`, not again by its inner pattern.
    if (error.keyword === 'pattern' && error.params.propertyName === undefined && error.propertyName)
      continue;
    const path = problemPath(error);
    const describe = describeByKeyword[error.keyword];
    const message = describe ? describe(error) : (error.message ?? 'is invalid');
    const key = `${path}\u0000${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      result.push({ path, message });
    }
  }
  return result;
}

/** JSON pointers of keys that could pollute prototypes, wherever they sit in a document. */
function forbiddenKeyPaths(value: unknown, path: string, found: string[]): string[] {
  if (found.length >= 20 || value === null || typeof value !== 'object') return found;
  for (const [key, inner] of Object.entries(value)) {
    const innerPath = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (forbiddenKeys.has(key)) found.push(innerPath);
    else forbiddenKeyPaths(inner, innerPath, found);
  }
  return found;
}

let validators: Map<MetadataKind, ValidateFunction> | undefined;

function validatorFor(kind: MetadataKind): ValidateFunction {
  if (!validators) {
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    validators = new Map(metadataKinds.map((k) => [k, ajv.compile(publishedSchema(k))]));
  }
  const validator = validators.get(kind);
  if (!validator) throw new Error(`no schema for kind ${kind}`);
  return validator;
}

function isMetadataKind(value: unknown): value is MetadataKind {
  return typeof value === 'string' && (metadataKinds as readonly string[]).includes(value);
}

/**
 * Checks every document against the schema of its kind. Returns the valid documents and every
 * problem of the invalid ones (all of them, not just the first).
 */
export function validateDocuments(sources: readonly SourceDoc[]): {
  docs: ValidDoc[];
  problems: MetadataProblem[];
} {
  const docs: ValidDoc[] = [];
  const problems: MetadataProblem[] = [];
  for (const { source, doc } of sources) {
    const problem = (path: string, message: string) => problems.push({ document: source, path, message });
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
      problem('', 'must be a JSON object');
      continue;
    }
    const kind: unknown = (doc as Record<string, unknown>).kind;
    if (!isMetadataKind(kind)) {
      problem('/kind', `must be one of: ${metadataKinds.join(', ')}`);
      continue;
    }
    const forbidden = forbiddenKeyPaths(doc, '', []);
    for (const path of forbidden) problem(path, 'is a reserved key and is not allowed');
    const validate = validatorFor(kind);
    if (!validate(doc)) {
      for (const { path, message } of describeSchemaErrors(validate.errors ?? [])) problem(path, message);
      continue;
    }
    if (forbidden.length === 0) docs.push({ source, doc: doc as MetadataDoc });
  }
  return { docs, problems };
}
