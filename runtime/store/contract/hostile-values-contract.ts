import { expect, it } from 'vitest';
import type { FilterNode, Operator } from '../../core/filter/types.ts';
import type { ContractContext } from './contract-context.ts';
import { contractModules } from './contract-modules.ts';
import { makeRecord } from './make-record.ts';

const everything: FilterNode = { kind: 'true' };
const nameField = contractModules.find((module) => module.name === 'items')?.fields.get('name');

/** A condition on `items.name` with a raw value (no variable parsing: `$where` stays text). */
function nameCondition(args: { op: Operator; value: string }): FilterNode {
  if (!nameField) throw new Error('the contract modules have no items.name');
  return {
    kind: 'condition',
    field: { path: 'name', module: 'items', field: nameField },
    op: args.op,
    value: args.value,
  };
}

const hostileStrings = [
  "'; DROP TABLE items; --",
  "x') OR 1=1 --",
  '__proto__',
  'constructor',
  '{"__proto__":{"polluted":true}}',
  '$where',
  '%_\\',
  '😀 emoji 👩‍👩‍👧 and ZWJ',
  'x'.repeat(10_240),
  'line\nbreak\ttab\r',
  '\u0000 nul',
  '"quoted" \'single\' `back`',
];

/** Values that could break a careless adapter are stored, read back and filtered on verbatim. */
export function hostileValuesContract(ctx: ContractContext): void {
  it('stores and reads back hostile strings verbatim', async () => {
    const store = ctx.store();
    for (const [index, value] of hostileStrings.entries()) {
      const doc = makeRecord({
        id: `h${index}`,
        sequence: index,
        fields: { name: value, description: value, tags: ['red'] },
      });
      await store.insert({ module: 'items', doc });
      expect(await store.get({ module: 'items', id: `h${index}`, where: everything })).toEqual(doc);
    }
    expect(await store.count({ module: 'items', where: everything })).toBe(hostileStrings.length);
  });

  it('stores a JSON value with a __proto__ key as plain data', async () => {
    const store = ctx.store();
    const meta: unknown = JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": 1}}');
    const doc = makeRecord({ id: 'p1', fields: { meta } });
    await store.insert({ module: 'items', doc });
    const record = await store.get({ module: 'items', id: 'p1', where: everything });
    expect(JSON.stringify(record?.meta)).toBe(JSON.stringify(meta));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('matches hostile strings in filters as plain values', async () => {
    const store = ctx.store();
    for (const [index, value] of hostileStrings.entries()) {
      await store.insert({
        module: 'items',
        doc: makeRecord({ id: `h${index}`, sequence: index, fields: { name: value } }),
      });
    }
    for (const [index, value] of hostileStrings.entries()) {
      const exact = nameCondition({ op: 'eq', value });
      const page = await store.find({ module: 'items', where: exact, limit: 100 });
      expect(page.records.map((record) => record.id)).toEqual([`h${index}`]);
    }
    const pattern = nameCondition({ op: 'contains', value: '%_\\' });
    expect(
      (await store.find({ module: 'items', where: pattern, limit: 100 })).records.map((r) => r.id),
    ).toEqual(['h6']);
    expect(await store.count({ module: 'items', where: everything })).toBe(hostileStrings.length);
  });

  it('updates a field to a hostile string verbatim', async () => {
    const store = ctx.store();
    await store.insert({ module: 'items', doc: makeRecord({ id: 'u1', fields: { name: 'plain' } }) });
    for (const value of hostileStrings) {
      const result = await store.update({
        module: 'items',
        id: 'u1',
        where: everything,
        set: { name: value, meta: { value } },
        updatedAt: '2026-02-01T00:00:00.000Z',
        updatedBy: 'u1',
      });
      expect(result.kind === 'updated' && result.record.name).toBe(value);
      const record = await store.get({ module: 'items', id: 'u1', where: everything });
      expect(record?.name).toBe(value);
      expect(record?.meta).toEqual({ value });
    }
  });

  it('refuses field names that are not plain names', async () => {
    const store = ctx.store();
    for (const key of ['__proto__x', 'a.b', "x') --", '$set', 'a b']) {
      await expect(
        store.insert({ module: 'items', doc: makeRecord({ id: 'k1', fields: { [key]: 1 } }) }),
      ).rejects.toThrow();
    }
    expect(await store.count({ module: 'items', where: everything })).toBe(0);
  });
}
