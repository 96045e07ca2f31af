import type { CompiledField } from './compile-module.ts';

/** A JSON value, as OpenAPI documents and JSON Schemas are made of. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON Schema (draft 2020-12, as OpenAPI 3.1 uses it). */
export type JsonSchema = { [key: string]: JsonValue };

const idPattern = '^[A-Za-z0-9_-]{1,64}$';
const text = (maxLength: number, extra: JsonSchema = {}): JsonSchema => ({
  type: 'string',
  maxLength,
  ...extra,
});
const recordId = (): JsonSchema => ({ type: 'string', pattern: idPattern });
const fileRef = (): JsonSchema => ({
  type: 'object',
  additionalProperties: false,
  required: ['fileId', 'name', 'size', 'type'],
  properties: {
    fileId: recordId(),
    name: text(255),
    size: { type: 'integer', minimum: 0 },
    type: text(127),
  },
});

/**
 * The value schema of each field type, built fresh on every call. Kept in step with the record input
 * validator (`runtime/server/records/build-input-validator.ts`), plus `format` annotations for readers.
 */
const schemaByType: Readonly<Record<string, (field: CompiledField) => JsonSchema>> = {
  id: () => ({ type: 'string' }),
  user: () => ({ type: 'string' }),
  text: () => text(1_000),
  longText: () => text(100_000),
  richText: () => text(200_000),
  email: () => text(254, { format: 'email', pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$' }),
  phone: () => text(40, { pattern: '^[+0-9 ().\\-/x]*$' }),
  url: () => text(2_000, { format: 'uri', pattern: '^https?://[^\\s]+$' }),
  number: () => ({ type: 'number' }),
  currency: () => ({ type: 'number' }),
  percent: () => ({ type: 'number' }),
  integer: () => ({ type: 'integer' }),
  rating: (field) => ({ type: 'integer', minimum: 0, maximum: field.def?.scale ?? 5 }),
  boolean: () => ({ type: 'boolean' }),
  date: () => text(10, { format: 'date', pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$' }),
  dateTime: () =>
    text(40, {
      format: 'date-time',
      pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})$',
    }),
  select: (field) => ({ type: 'string', enum: [...(field.optionValues ?? [])] }),
  multiSelect: (field) => ({
    type: 'array',
    uniqueItems: true,
    maxItems: 200,
    items: { type: 'string', enum: [...(field.optionValues ?? [])] },
  }),
  relation: (field) =>
    field.relation?.cardinality === 'many'
      ? { type: 'array', uniqueItems: true, maxItems: 1_000, items: recordId() }
      : recordId(),
  file: fileRef,
  image: fileRef,
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
  autoNumber: () => ({ type: 'string' }),
};

/**
 * The JSON Schema of one field's value: by type (a plugin or unknown type accepts any value), with
 * the field's constraints (`min`, `max`, `minLength`, `maxLength`, `pattern`), its label as `title`
 * and its help as `description`. System fields and `autoNumber` fields are marked `readOnly`.
 */
export function fieldJsonSchema(field: CompiledField): JsonSchema {
  const schema: JsonSchema = { title: field.label, ...(schemaByType[field.type]?.(field) ?? {}) };
  const constraints = field.def?.constraints;
  if (constraints?.min !== undefined) schema.minimum = constraints.min;
  if (constraints?.max !== undefined) schema.maximum = constraints.max;
  if (constraints?.minLength !== undefined) schema.minLength = constraints.minLength;
  if (constraints?.maxLength !== undefined) schema.maxLength = constraints.maxLength;
  if (constraints?.pattern !== undefined) schema.pattern = constraints.pattern;
  if (field.def?.help !== undefined) schema.description = field.def.help;
  if (field.isSystem || field.type === 'autoNumber') schema.readOnly = true;
  return schema;
}
