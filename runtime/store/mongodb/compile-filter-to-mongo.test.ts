import { Query } from 'mingo';
import { describe, expect, it } from 'vitest';
import { bindVariables } from '../../core/filter/bind-variables.ts';
import { parseFilter } from '../../core/filter/parse-filter.ts';
import type { FilterField, FilterNode, Operand, Operator } from '../../core/filter/types.ts';
import {
  defaultFilterCaseNow,
  filterCaseCatalog,
  filterCaseRecords,
  filterCases,
} from '../../../test/fixtures/filter-cases.ts';
import { compileFilterToMongo, type MongoQuery, type ResolveRelation } from './compile-filter-to-mongo.ts';

/** The fixture records in the stored layout: `_id` instead of `id`, `deletedAt: null` while live. */
const storedByModule = new Map(
  Object.entries(filterCaseRecords).map(([module, records]) => [
    module,
    records.map(({ id, ...rest }) => ({ _id: id, ...rest, deletedAt: null })),
  ]),
);

function storedRecords(module: string): Array<Record<string, unknown>> {
  const records = storedByModule.get(module);
  if (!records) throw new Error(`no fixture records for ${module}`);
  return records;
}

/** Runs a query with mingo, MongoDB's query semantics in memory. */
function runQuery(args: { module: string; query: MongoQuery }): string[] {
  const query = new Query({ $and: [args.query, { deletedAt: null }] }, {});
  return storedRecords(args.module)
    .filter((record) => query.test(record))
    .map((record) => String(record._id))
    .sort();
}

const resolveRelation: ResolveRelation = async ({ module, node }) => {
  const query = await compileFilterToMongo({ node });
  return runQuery({ module, query });
};

async function matchingIds(args: { module: string; node: FilterNode }): Promise<string[]> {
  const query = await compileFilterToMongo({ node: args.node, resolveRelation });
  return runQuery({ module: args.module, query });
}

function peopleField(name: string): FilterField {
  const field = filterCaseCatalog.modules.get('people')?.fields.get(name);
  if (!field) throw new Error(`no fixture field ${name}`);
  return field;
}

function condition(args: { field: string; op: Operator; value: Operand }): FilterNode {
  return {
    kind: 'condition',
    field: { path: args.field, module: 'people', field: peopleField(args.field) },
    op: args.op,
    value: args.value,
  };
}

const forbiddenOperators = new Set(['$where', '$function', '$accumulator', '$expr']);

/** Every key anywhere in a compiled query. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => [key, ...keysOf(child)]);
}

/** Every query document compiled while answering `node`, the relation look-ups included. */
async function compiledQueries(node: FilterNode): Promise<MongoQuery[]> {
  const queries: MongoQuery[] = [];
  const recording: ResolveRelation = async (args) => {
    const inner = await compileFilterToMongo({ node: args.node });
    queries.push(inner);
    return runQuery({ module: args.module, query: inner });
  };
  queries.push(await compileFilterToMongo({ node, resolveRelation: recording }));
  return queries;
}

function bindCase(testCase: (typeof filterCases)[number]): FilterNode {
  const parsed = parseFilter({ json: testCase.filter, module: testCase.module, catalog: filterCaseCatalog });
  return bindVariables({
    node: parsed,
    principal: testCase.principal ?? {},
    now: new Date(testCase.now ?? defaultFilterCaseNow),
  });
}

describe('compileFilterToMongo on the shared filter cases (checked with mingo)', () => {
  it.each(filterCases)('$name', async (testCase) => {
    const ids = await matchingIds({ module: testCase.module, node: bindCase(testCase) });
    expect(ids).toEqual([...testCase.expected].sort());
  });

  it('never emits server-side JavaScript or $expr for any case', async () => {
    for (const testCase of filterCases) {
      const keys = (await compiledQueries(bindCase(testCase))).flatMap(keysOf);
      expect(
        keys.filter((key) => forbiddenOperators.has(key)),
        testCase.name,
      ).toEqual([]);
    }
  });
});

describe('compileFilterToMongo keeps user text literal', () => {
  const hostileTexts = ['.*', '(a+)+$', '$where', '{"$gt": ""}', '^', '\\', '[', 'a|b', '\0', '$regex', '/i'];

  it.each(hostileTexts)('matches %j in contains only as literal text', async (text) => {
    const query = await compileFilterToMongo({
      node: condition({ field: 'bio', op: 'contains', value: text }),
    });
    const probe = new Query(query, {});
    expect(probe.test({ _id: 'x', bio: `before ${text.toUpperCase()} after` })).toBe(true);
    expect(probe.test({ _id: 'x', bio: 'something else entirely' })).toBe(false);
  });

  it.each(hostileTexts)('matches %j in startsWith only at the start', async (text) => {
    const query = await compileFilterToMongo({
      node: condition({ field: 'bio', op: 'startsWith', value: text }),
    });
    const probe = new Query(query, {});
    expect(probe.test({ _id: 'x', bio: `${text}tail` })).toBe(true);
    expect(probe.test({ _id: 'x', bio: `head${text}` })).toBe(false);
  });

  it('keeps a text that looks like an operator document as an equality value', async () => {
    const query = await compileFilterToMongo({
      node: condition({ field: 'name', op: 'eq', value: '{"$gt": ""}' }),
    });
    expect(query).toEqual({ name: { $eq: '{"$gt": ""}' } });
    const probe = new Query(query, {});
    expect(probe.test({ _id: 'x', name: 'zzz' })).toBe(false);
    expect(probe.test({ _id: 'x', name: '{"$gt": ""}' })).toBe(true);
  });

  it('keeps $where as a value, never a key', async () => {
    const node: FilterNode = {
      kind: 'or',
      children: [
        condition({ field: 'name', op: 'eq', value: '$where' }),
        condition({ field: 'name', op: 'in', value: ['$where', '$expr'] }),
        condition({ field: 'bio', op: 'contains', value: '$function' }),
      ],
    };
    const query = await compileFilterToMongo({ node });
    expect(keysOf(query).filter((key) => forbiddenOperators.has(key))).toEqual([]);
    expect(new Query(query, {}).test({ _id: 'x', name: '$where' })).toBe(true);
    expect(new Query(query, {}).test({ _id: 'x', name: 'Alice' })).toBe(false);
  });

  it('builds a case-insensitive regex from the escaped text only', async () => {
    const query = await compileFilterToMongo({
      node: condition({ field: 'bio', op: 'contains', value: '(a+)+$' }),
    });
    expect(query).toEqual({ bio: { $regex: '\\(a\\+\\)\\+\\$', $options: 'i' } });
  });
});

describe('compileFilterToMongo', () => {
  it('reads the id field from _id', async () => {
    expect(await compileFilterToMongo({ node: condition({ field: 'id', op: 'eq', value: 'p01' }) })).toEqual({
      _id: { $eq: 'p01' },
    });
  });

  it('compiles not to $nor', async () => {
    const node: FilterNode = { kind: 'not', child: condition({ field: 'age', op: 'gt', value: 30 }) };
    expect(await compileFilterToMongo({ node })).toEqual({ $nor: [{ age: { $gt: 30 } }] });
  });

  it('compiles FALSE to a query matching nothing and TRUE to an empty query', async () => {
    expect(await matchingIds({ module: 'people', node: { kind: 'false' } })).toEqual([]);
    expect(await compileFilterToMongo({ node: { kind: 'true' } })).toEqual({});
  });

  it('throws on a variable left unbound', async () => {
    const node = condition({ field: 'owner', op: 'eq', value: { variable: '$principal.id' } });
    await expect(compileFilterToMongo({ node })).rejects.toThrow(/variable/);
  });

  it('throws on a variable left unbound inside a list', async () => {
    const node = condition({ field: 'owner', op: 'in', value: ['u1', { variable: '$principal.id' }] });
    await expect(compileFilterToMongo({ node })).rejects.toThrow(/variable/);
  });

  it('throws on within left unbound', async () => {
    const node = condition({ field: 'followUpOn', op: 'within', value: 'today' });
    await expect(compileFilterToMongo({ node })).rejects.toThrow(/within/);
  });

  it('throws on a relation path without resolveRelation', async () => {
    const parsed = parseFilter({
      json: { 'company.industry': { eq: 'software' } },
      module: 'people',
      catalog: filterCaseCatalog,
    });
    await expect(compileFilterToMongo({ node: parsed })).rejects.toThrow(/resolveRelation/);
  });

  it('asks resolveRelation for the inner condition on the related module', async () => {
    const asked: Array<{ module: string; node: FilterNode }> = [];
    const parsed = parseFilter({
      json: { 'company.industry': { eq: 'software' } },
      module: 'people',
      catalog: filterCaseCatalog,
    });
    const query = await compileFilterToMongo({
      node: parsed,
      resolveRelation: async (args) => {
        asked.push(args);
        return ['c01', 'c03'];
      },
    });
    expect(query).toEqual({ company: { $in: ['c01', 'c03'] } });
    expect(asked).toHaveLength(1);
    expect(asked[0]?.module).toBe('companies');
    expect(asked[0]?.node).toMatchObject({ kind: 'condition', op: 'eq', value: 'software' });
    expect(asked[0]?.node).not.toHaveProperty('field.via');
  });

  it('refuses a field name that is not a plain key', async () => {
    const node: FilterNode = {
      kind: 'condition',
      field: { path: '$where', module: 'people', field: { name: '$where', type: 'text' } },
      op: 'eq',
      value: 'x',
    };
    await expect(compileFilterToMongo({ node })).rejects.toThrow(/not a storable field name/);
  });
});
