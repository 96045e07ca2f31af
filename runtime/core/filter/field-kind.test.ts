import { describe, expect, it } from 'vitest';
import { fieldKind } from './field-kind.ts';

describe('fieldKind', () => {
  it.each([
    ['autoNumber', 'text'],
    ['rating', 'number'],
    ['user', 'reference'],
    ['id', 'reference'],
    ['address', 'opaque'],
    ['plugin:color', 'opaque'],
    ['constructor', 'opaque'],
  ])('treats %s as %s', (type, kind) => {
    expect(fieldKind({ name: 'f', type })).toBe(kind);
  });

  it('splits relations by cardinality', () => {
    expect(fieldKind({ name: 'f', type: 'relation', relation: { module: 'm', cardinality: 'one' } })).toBe(
      'reference',
    );
    expect(fieldKind({ name: 'f', type: 'relation', relation: { module: 'm', cardinality: 'many' } })).toBe(
      'referenceMany',
    );
  });
});
