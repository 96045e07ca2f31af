import { describe, expect, it } from 'vitest';
import {
  defaultFilterCaseNow,
  filterCaseCatalog,
  filterCaseRecords,
  filterCases,
} from '../../../test/fixtures/filter-cases.ts';
import { bindVariables } from './bind-variables.ts';
import { evaluate } from './evaluate.ts';
import { parseFilter } from './parse-filter.ts';
import type { FilterNode } from './types.ts';

const recordsByModule = new Map(
  Object.entries(filterCaseRecords).map(([module, records]) => [
    module,
    new Map(records.map((record) => [String(record.id), record])),
  ]),
);

function related(args: { module: string; id: string }): Record<string, unknown> | undefined {
  return recordsByModule.get(args.module)?.get(args.id);
}

function matchingIds(args: { module: string; node: FilterNode }): string[] {
  const records = filterCaseRecords[args.module] ?? [];
  return records
    .filter((record) => evaluate({ node: args.node, record, related }))
    .map((record) => String(record.id))
    .sort();
}

describe('the shared filter cases', () => {
  it('has at least 70 cases with distinct names', () => {
    expect(filterCases.length).toBeGreaterThanOrEqual(70);
    expect(new Set(filterCases.map((testCase) => testCase.name)).size).toBe(filterCases.length);
  });

  it.each(filterCases)('$name', (testCase) => {
    const parsed = parseFilter({
      json: testCase.filter,
      module: testCase.module,
      catalog: filterCaseCatalog,
    });
    const node = bindVariables({
      node: parsed,
      principal: testCase.principal ?? {},
      now: new Date(testCase.now ?? defaultFilterCaseNow),
    });
    expect(matchingIds({ module: testCase.module, node })).toEqual([...testCase.expected].sort());
  });
});

describe('evaluate', () => {
  const people = filterCaseCatalog.modules.get('people');
  const field = (name: string) => {
    const found = people?.fields.get(name);
    if (!found) throw new Error(`no fixture field ${name}`);
    return found;
  };

  it('throws on a variable left unbound', () => {
    const node: FilterNode = {
      kind: 'condition',
      field: { path: 'owner', module: 'people', field: field('owner') },
      op: 'eq',
      value: { variable: '$principal.id' },
    };
    expect(() => evaluate({ node, record: { owner: 'u1' } })).toThrow(/variable/);
  });

  it('throws on a variable left unbound inside a list', () => {
    const node: FilterNode = {
      kind: 'condition',
      field: { path: 'owner', module: 'people', field: field('owner') },
      op: 'in',
      value: ['u1', { variable: '$principal.id' }],
    };
    expect(() => evaluate({ node, record: { owner: 'u1' } })).toThrow(/variable/);
  });

  it('throws on within left unbound', () => {
    const node: FilterNode = {
      kind: 'condition',
      field: { path: 'followUpOn', module: 'people', field: field('followUpOn') },
      op: 'within',
      value: 'today',
    };
    expect(() => evaluate({ node, record: { followUpOn: '2026-03-15' } })).toThrow(/within/);
  });

  it('throws when a relation path has no way to find related records', () => {
    const node = parseFilter({
      json: { 'company.name': { eq: 'Acme Corp' } },
      module: 'people',
      catalog: filterCaseCatalog,
    });
    expect(() => evaluate({ node, record: { company: 'c01' } })).toThrow(/related/);
  });

  it('reads a Date value of a dateTime field as its ISO string', () => {
    const node = parseFilter({
      json: { createdAt: { eq: '2026-03-15T12:00:00Z' } },
      module: 'people',
      catalog: filterCaseCatalog,
    });
    expect(evaluate({ node, record: { createdAt: new Date('2026-03-15T12:00:00.000Z') } })).toBe(true);
  });

  it('does not read inherited properties as field values', () => {
    const node = parseFilter({
      json: { name: { exists: true } },
      module: 'people',
      catalog: filterCaseCatalog,
    });
    expect(evaluate({ node, record: Object.create({ name: 'inherited' }) })).toBe(false);
  });

  it('compares values of different types as unequal', () => {
    const node = parseFilter({ json: { age: { gte: 30 } }, module: 'people', catalog: filterCaseCatalog });
    expect(evaluate({ node, record: { age: '40' } })).toBe(false);
  });
});
