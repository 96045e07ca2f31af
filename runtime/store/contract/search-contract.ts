import { expect, it } from 'vitest';
import type { FilterNode } from '../../core/filter/types.ts';
import type { ContractContext } from './contract-context.ts';
import { contractFilter } from './contract-filter.ts';
import { makeRecord } from './make-record.ts';

const everything: FilterNode = { kind: 'true' };

const hostileTexts = [
  '"OR NEAR(',
  '*',
  'falcon*',
  'falcon OR eagle',
  'NOT falcon',
  'falcon AND',
  '-falcon',
  '^falcon',
  'name:falcon',
  '{name description}: falcon',
  '"',
  "'",
  '()',
  'NEAR(falcon eagle, 2)',
  "'; DROP TABLE items; --",
  '\\',
  '',
  '   ',
];

/** Full-text search over the module's search fields: ranked, literal, filtered by where. */
export function searchContract(ctx: ContractContext): void {
  const seed = async () => {
    const store = ctx.store();
    const items = [
      {
        id: 'i1',
        name: 'Peregrine falcon',
        description: 'The falcon is the fastest falcon of all falcons: falcon.',
      },
      {
        id: 'i2',
        name: 'Garden notes',
        description: 'Once a falcon flew over the long garden wall near the old shed by the river.',
      },
      {
        id: 'i3',
        name: 'Golden eagle',
        description: 'An eagle, not a falcon at all… well, maybe.',
        status: 'won',
      },
      { id: 'i4', name: 'Robin', body: '<p>Small bird</p>', tags: ['red'] },
      { id: 'i5', name: 'Ærø Zoë', description: 'café crème' },
    ];
    for (const [index, { id, ...fields }] of items.entries()) {
      await store.insert({ module: 'items', doc: makeRecord({ id, sequence: index, fields }) });
    }
    return store;
  };

  it('finds records by a word of any search field, best match first', async () => {
    const store = await seed();
    const page = await store.search({ module: 'items', where: everything, text: 'falcon', limit: 10 });
    const ids = page.records.map((record) => record.id);
    expect([...ids].sort()).toEqual(['i1', 'i2', 'i3']);
    expect(ids[0]).toBe('i1');
    const bird = await store.search({ module: 'items', where: everything, text: 'bird', limit: 10 });
    expect(bird.records.map((record) => record.id)).toEqual(['i4']);
  });

  it('matches regardless of case', async () => {
    const store = await seed();
    const page = await store.search({
      module: 'items',
      where: everything,
      text: 'FALCON Peregrine',
      limit: 10,
    });
    expect(page.records.map((record) => record.id)).toEqual(['i1']);
  });

  it('finds only records holding every word of the text', async () => {
    const store = await seed();
    const page = await store.search({ module: 'items', where: everything, text: 'eagle falcon', limit: 10 });
    expect(page.records.map((record) => record.id)).toEqual(['i3']);
  });

  it('applies where to search results', async () => {
    const store = await seed();
    const notWon = contractFilter({ module: 'items', json: { status: { ne: 'won' } } });
    const page = await store.search({ module: 'items', where: notWon, text: 'falcon', limit: 10 });
    expect(page.records.map((record) => record.id).sort()).toEqual(['i1', 'i2']);
  });

  it('returns at most limit records', async () => {
    const store = await seed();
    const page = await store.search({ module: 'items', where: everything, text: 'falcon', limit: 2 });
    expect(page.records).toHaveLength(2);
    expect(page.records[0]?.id).toBe('i1');
  });

  it('looks only in the given fields when fields are named', async () => {
    const store = await seed();
    const inName = await store.search({
      module: 'items',
      where: everything,
      text: 'falcon',
      limit: 10,
      fields: ['name'],
    });
    expect(inName.records.map((record) => record.id)).toEqual(['i1']);
    const inBody = await store.search({
      module: 'items',
      where: everything,
      text: 'falcon',
      limit: 10,
      fields: ['body'],
    });
    expect(inBody.records).toEqual([]);
    const none = await store.search({
      module: 'items',
      where: everything,
      text: 'falcon',
      limit: 10,
      fields: [],
    });
    expect(none.records).toEqual([]);
  });

  it('treats search syntax in the text as literal words, never as an error', async () => {
    const store = await seed();
    for (const text of hostileTexts) {
      const page = await store.search({ module: 'items', where: everything, text, limit: 10 });
      expect(Array.isArray(page.records)).toBe(true);
    }
    const star = await store.search({ module: 'items', where: everything, text: '*', limit: 10 });
    expect(star.records).toEqual([]);
    const either = await store.search({
      module: 'items',
      where: everything,
      text: 'robin OR eagle',
      limit: 10,
    });
    expect(either.records).toEqual([]);
    expect(await store.count({ module: 'items', where: everything })).toBe(5);
  });
}
