import { typedSchemas } from './schemas.ts';
import type { MetadataKind } from './types.ts';

/** A JSON Schema as plain data. */
export type JsonSchema = { [key: string]: unknown };

function withoutNullable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNullable);
  if (value === null || typeof value !== 'object') return value;
  const result: JsonSchema = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key !== 'nullable') result[key] = withoutNullable(inner);
  }
  return result;
}

/**
 * The schema of one metadata kind as published in `metadata/schema/` and enforced by the loader:
 * the typed schema without `nullable` (optional properties are omitted, never null).
 */
export function publishedSchema(kind: MetadataKind): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `https://atrium.dev/schema/${kind}.schema.json`,
    title: `Atrium ${kind} document`,
    ...(withoutNullable(typedSchemas[kind]) as JsonSchema),
  };
}
