import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import formats from 'ajv-formats';
import { createError } from '../../core/errors.ts';
import type { CompiledField, CompiledModule } from '../../core/metadata/compile-module.ts';
import { fieldJsonSchema } from '../../core/metadata/field-json-schema.ts';

export const validationFailed = createError({ code: 'VALIDATION_FAILED', status: 400 });

type Schema = Record<string, unknown>;

const idPattern = '^[A-Za-z0-9_-]{1,64}$';

/** The schema of a field's input value: its published JSON Schema, except autoNumbers, which the system sets. */
function fieldSchema(field: CompiledField): Schema {
  return field.type === 'autoNumber' ? { not: {} } : fieldJsonSchema(field);
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
// ajv-formats is CommonJS: its default export arrives wrapped under ESM.
(formats as unknown as { default: (ajv: Ajv) => Ajv }).default(ajv);
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
