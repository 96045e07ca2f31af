import { describe, expect, it } from 'vitest';
import type { CompiledField } from './compile-module.ts';
import { fieldJsonSchema } from './field-json-schema.ts';
import type { FieldDef } from './types.ts';

function field(def: Partial<FieldDef> & { type: string }, isSystem = false): CompiledField {
  const full: FieldDef = { name: 'f', label: 'F', ...def };
  return {
    name: full.name,
    type: full.type,
    label: full.label,
    isSystem,
    ...(isSystem ? {} : { def: full }),
    ...(full.options ? { optionValues: full.options.map((option) => option.value) } : {}),
    ...(full.relation
      ? { relation: { module: full.relation.module, cardinality: full.relation.cardinality } }
      : {}),
  };
}

describe('fieldJsonSchema', () => {
  // biome-ignore format: one row per line reads as a table
  it.each<{ why: string; field: CompiledField; expected: Record<string, unknown> }>([
    { why: 'text has a length limit', field: field({ type: 'text' }), expected: { type: 'string', maxLength: 1000 } },
    { why: 'constraints narrow the type', field: field({ type: 'text', constraints: { minLength: 3, maxLength: 9 } }), expected: { minLength: 3, maxLength: 9 } },
    { why: 'email is a formatted string', field: field({ type: 'email' }), expected: { type: 'string', format: 'email' } },
    { why: 'currency is a number', field: field({ type: 'currency', constraints: { min: 0 } }), expected: { type: 'number', minimum: 0 } },
    { why: 'rating tops out at its scale', field: field({ type: 'rating', scale: 10 }), expected: { type: 'integer', minimum: 0, maximum: 10 } },
    { why: 'select lists its option values', field: field({ type: 'select', options: [{ value: 'a', label: 'A' }] }), expected: { type: 'string', enum: ['a'] } },
    { why: 'a to-many relation is an array of ids', field: field({ type: 'relation', relation: { module: 'x', cardinality: 'many', onDelete: 'restrict' } }), expected: { type: 'array' } },
    { why: 'a to-one relation is an id', field: field({ type: 'relation', relation: { module: 'x', cardinality: 'one', onDelete: 'restrict' } }), expected: { type: 'string' } },
    { why: 'dateTime is a formatted string', field: field({ type: 'dateTime' }), expected: { format: 'date-time' } },
    { why: 'autoNumber is read-only', field: field({ type: 'autoNumber' }), expected: { type: 'string', readOnly: true } },
    { why: 'a system field is read-only', field: field({ name: 'createdAt', type: 'dateTime' }, true), expected: { readOnly: true } },
    { why: 'help becomes the description', field: field({ type: 'text', help: 'Say hi' }), expected: { title: 'F', description: 'Say hi' } },
  ])('$why', ({ field: input, expected }) => {
    expect(fieldJsonSchema(input)).toMatchObject(expected);
  });

  it('accepts any value of a plugin type', () => {
    expect(fieldJsonSchema(field({ type: 'esign:signature' }))).toEqual({ title: 'F' });
  });

  it('mentions no relation target', () => {
    const relation = field({
      type: 'relation',
      relation: { module: 'secretModule', cardinality: 'one', onDelete: 'restrict' },
    });
    expect(JSON.stringify(fieldJsonSchema(relation))).not.toContain('secretModule');
  });
});
