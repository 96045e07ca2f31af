import { Query } from 'mingo';
import { describe, expect, it } from 'vitest';
import { compileModule } from '../../core/metadata/compile-module.ts';
import { itemsDoc, vendorsDoc } from '../contract/contract-modules.ts';
import { planIndexes } from './plan-indexes.ts';

const items = planIndexes(compileModule(itemsDoc));
const byName = new Map(items.map((index) => [index.name, index]));

/** The operators MongoDB accepts in a partial filter expression. */
const partialOperators = new Set([
  '$eq',
  '$exists',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
  '$type',
  '$and',
  '$or',
  '$in',
]);

function operatorsOf(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => [
    ...(key.startsWith('$') ? [key] : []),
    ...operatorsOf(child),
  ]);
}

describe('planIndexes', () => {
  it('plans live records by id, the owner, indexed fields, relations, indexes[], unique fields and search', () => {
    expect(items.map((index) => index.name).sort()).toEqual(
      [
        'atrium_live',
        'atrium_by_owner',
        'atrium_by_name',
        'atrium_unique_email',
        'atrium_by_vendor',
        'atrium_by_suppliers',
        'atrium_by_status_dueOn',
        'atrium_by_owner_createdAt',
        'atrium_text',
      ].sort(),
    );
  });

  it('leads lookup indexes with deletedAt and ends them with _id, for live lists paged by id', () => {
    expect(byName.get('atrium_live')?.key).toEqual({ deletedAt: 1, _id: 1 });
    expect(Object.entries(byName.get('atrium_by_status_dueOn')?.key ?? {})).toEqual([
      ['deletedAt', 1],
      ['status', 1],
      ['dueOn', 1],
      ['_id', 1],
    ]);
  });

  it('makes a unique field unique among live records that hold a value', () => {
    const unique = byName.get('atrium_unique_email');
    expect(unique).toMatchObject({
      key: { email: 1 },
      unique: true,
      partialFilterExpression: { deletedAt: { $type: 'null' }, email: { $type: 'string' } },
    });
    const selects = new Query(unique?.partialFilterExpression ?? {}, {});
    expect(selects.test({ email: 'a@example.com', deletedAt: null })).toBe(true);
    expect(selects.test({ email: 'a@example.com', deletedAt: '2026-01-01T00:00:00.000Z' })).toBe(false);
    expect(selects.test({ email: null, deletedAt: null })).toBe(false);
    expect(selects.test({ deletedAt: null })).toBe(false);
  });

  it('uses only operators MongoDB allows in a partial filter expression', () => {
    for (const index of items) {
      for (const operator of operatorsOf(index.partialFilterExpression))
        expect(partialOperators).toContain(operator);
    }
  });

  it('builds one text index over the search fields, without stemming or a language field', () => {
    expect(byName.get('atrium_text')).toEqual({
      name: 'atrium_text',
      key: { name: 'text', description: 'text', body: 'text' },
      default_language: 'none',
      language_override: '_textLanguage',
    });
  });

  it('plans an owner index on a module without other fields to index', () => {
    const vendors = planIndexes(compileModule({ ...vendorsDoc, search: [] }));
    expect(vendors.map((index) => index.name).sort()).toEqual(
      ['atrium_live', 'atrium_by_owner', 'atrium_by_country', 'atrium_unique_sku'].sort(),
    );
  });

  it('follows a custom owner field and unique indexes[] entries', () => {
    const module = compileModule({
      kind: 'module',
      name: 'deals',
      label: 'Deal',
      titleField: 'title',
      ownerField: 'manager',
      indexes: [{ fields: ['region', 'number'], unique: true }],
      fields: [
        { name: 'title', type: 'text', label: 'Title' },
        { name: 'manager', type: 'text', label: 'Manager' },
        { name: 'region', type: 'select', label: 'Region', options: [{ value: 'eu', label: 'EU' }] },
        { name: 'number', type: 'integer', label: 'Number' },
      ],
    });
    const planned = new Map(planIndexes(module).map((index) => [index.name, index]));
    expect(planned.get('atrium_by_manager')?.key).toEqual({ deletedAt: 1, manager: 1, _id: 1 });
    expect(planned.get('atrium_unique_region_number')).toMatchObject({
      key: { region: 1, number: 1 },
      unique: true,
      partialFilterExpression: {
        deletedAt: { $type: 'null' },
        region: { $type: 'string' },
        number: { $type: 'number' },
      },
    });
  });

  it('skips a compound index over two array fields, which MongoDB cannot build', () => {
    const module = compileModule({
      kind: 'module',
      name: 'posts',
      label: 'Post',
      titleField: 'title',
      indexes: [{ fields: ['tags', 'labels'] }],
      fields: [
        { name: 'title', type: 'text', label: 'Title' },
        { name: 'tags', type: 'multiSelect', label: 'Tags', options: [{ value: 'a', label: 'A' }] },
        { name: 'labels', type: 'multiSelect', label: 'Labels', options: [{ value: 'b', label: 'B' }] },
      ],
    });
    expect(planIndexes(module).map((index) => index.name)).not.toContain('atrium_by_tags_labels');
  });
});
