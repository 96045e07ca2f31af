import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { createError } from '../../core/errors.ts';
import type { CompiledField, CompiledModule } from '../../core/metadata/compile-module.ts';

export const validationFailed = createError({ code: 'VALIDATION_FAILED', status: 400 });

type Schema = Record<string, unknown>;

const idPattern = '^[A-Za-z0-9_-]{1,64}$';
const text = (maxLength: number, extra: Schema = {}): Schema => ({ type: 'string', maxLength, ...extra });
const fileRef: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['fileId', 'name', 'size', 'type'],
  properties: {
    fileId: { type: 'string', pattern: idPattern },
    name: text(255),
    size: { type: 'integer', minimum: 0 },
    type: text(127),
  },
};

/** The JSON Schema of one field's value, by type. */
const schemaByType: Record<string, (field: CompiledField) => Schema> = {
  text: () => text(1_000),
  longText: () => text(100_000),
  richText: () => text(200_000),
  email: () => text(254, { pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$' }),
  phone: () => text(40, { pattern: '^[+0-9 ().\\-/x]*$' }),
  url: () => text(2_000, { pattern: '^https?://[^\\s]+$' }),
  number: () => ({ type: 'number' }),
  currency: () => ({ type: 'number' }),
  percent: () => ({ type: 'number' }),
  integer: () => ({ type: 'integer' }),
  rating: (f) => ({ type: 'integer', minimum: 0, maximum: f.def?.scale ?? 5 }),
  boolean: () => ({ type: 'boolean' }),
  date: () => text(10, { pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$' }),
  dateTime: () =>
    text(40, {
      pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})$',
    }),
  select: (f) => ({ type: 'string', enum: [...(f.optionValues ?? [])] }),
  multiSelect: (f) => ({
    type: 'array',
    uniqueItems: true,
    maxItems: 200,
    items: { type: 'string', enum: [...(f.optionValues ?? [])] },
  }),
  relation: (f) =>
    f.relation?.cardinality === 'many'
      ? { type: 'array', uniqueItems: true, maxItems: 1_000, items: { type: 'string', pattern: idPattern } }
      : { type: 'string', pattern: idPattern },
  file: () => fileRef,
  image: () => fileRef,
  json: () => ({ type: ['object', 'array'] }),
  address: () => ({
    type: 'object',
    additionalProperties: false,
    properties: {
      street: text(500),
      city: text(200),
      state: text(200),
      postalCode: text(40),
      country: text(200),
    },
  }),
  autoNumber: () => ({ not: {} }),
};

function fieldSchema(field: CompiledField): Schema {
  const base = (schemaByType[field.type] ?? (() => ({})))(field);
  const c = field.def?.constraints;
  const limits: Schema = {};
  if (c?.min !== undefined) limits.minimum = c.min;
  if (c?.max !== undefined) limits.maximum = c.max;
  if (c?.minLength !== undefined) limits.minLength = c.minLength;
  if (c?.maxLength !== undefined) limits.maxLength = c.maxLength;
  if (c?.pattern !== undefined) limits.pattern = c.pattern;
  return { ...base, ...limits };
}

/** Turns ajv errors into `{ field, message }` pairs naming the input field. */
function fieldErrors(errors: readonly ErrorObject[]): Array<{ field: string; message: string }> {
  return errors.map((e) => {
    const field =
      e.keyword === 'additionalProperties'
        ? String(e.params.additionalProperty)
        : e.keyword === 'required'
          ? String(e.params.missingProperty)
          : (e.instancePath.split('/')[1] ?? '');
    const message =
      e.keyword === 'additionalProperties'
        ? 'is not a field of this module'
        : e.keyword === 'required'
          ? 'is required'
          : e.keyword === 'not'
            ? 'is set by the system'
            : (e.message ?? 'is invalid');
    return { field, message };
  });
}

/** Validated input: values to set and fields to clear (given as `null`). */
export type ValidInput = { set: Record<string, unknown>; unset: string[] };

export type InputValidator = (input: unknown, mode: 'create' | 'update') => ValidInput;

const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
const cache = new WeakMap<
  CompiledModule,
  { validate: Record<'create' | 'update', ValidateFunction>; required: Set<string> }
>();

function compileFor(module: CompiledModule) {
  const properties: Record<string, Schema> = { owner: { type: 'string', pattern: idPattern } };
  for (const field of module.customFields) properties[field.name] = fieldSchema(field);
  const required = module.customFields
    .filter((f) => f.def?.required && f.def.default === undefined && f.type !== 'autoNumber')
    .map((f) => f.name);
  const base = { type: 'object', additionalProperties: false, maxProperties: 600, properties };
  return {
    validate: { create: ajv.compile({ ...base, required }), update: ajv.compile(base) },
    required: new Set(module.customFields.filter((f) => f.def?.required).map((f) => f.name)),
  };
}

/**
 * Validates record input against a JSON Schema compiled from the module: unknown fields, wrong
 * types, broken constraints and (on create) missing required fields throw `VALIDATION_FAILED` with
 * every problem in `details.fields`. `null` means "no value": left out on create, cleared on update
 * (a required field cannot be cleared).
 */
export function buildInputValidator(module: CompiledModule): InputValidator {
  let compiled = cache.get(module);
  if (!compiled) {
    compiled = compileFor(module);
    cache.set(module, compiled);
  }
  const { validate, required } = compiled;
  return (input, mode) => {
    if (input === null || typeof input !== 'object' || Array.isArray(input)) {
      throw validationFailed('The record must be a JSON object');
    }
    const set: Record<string, unknown> = {};
    const unset: string[] = [];
    const problems: Array<{ field: string; message: string }> = [];
    for (const [key, value] of Object.entries(input)) {
      if (value !== null) set[key] = value;
      else if (mode === 'create') continue;
      else if (required.has(key)) problems.push({ field: key, message: 'is required' });
      else if (module.fields.has(key) && !module.fields.get(key)?.isSystem) unset.push(key);
      else problems.push({ field: key, message: 'is not a field of this module' });
    }
    if (!validate[mode](set)) problems.push(...fieldErrors(validate[mode].errors ?? []));
    if (problems.length > 0) {
      throw validationFailed(
        `Invalid ${module.label}: ${problems.map((f) => `${f.field} ${f.message}`).join('; ')}`,
        { fields: problems },
      );
    }
    return { set, unset };
  };
}
