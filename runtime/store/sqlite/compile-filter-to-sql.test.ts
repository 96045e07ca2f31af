import type Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindVariables } from '../../core/filter/bind-variables.ts';
import { evaluate } from '../../core/filter/evaluate.ts';
import { fieldKind } from '../../core/filter/field-kind.ts';
import { normalizeScalar } from '../../core/filter/normalize-scalar.ts';
import { operatorsByKind } from '../../core/filter/operators-by-kind.ts';
import { parseFilter } from '../../core/filter/parse-filter.ts';
import type { FilterField, FilterNode, Operator, PrincipalAttributes } from '../../core/filter/types.ts';
import {
  defaultFilterCaseNow,
  filterCaseCatalog,
  filterCaseRecords,
  filterCases,
} from '../../../test/fixtures/filter-cases.ts';
import { compileCatalogModules } from '../contract/compile-catalog-modules.ts';
import type { RecordDoc } from '../types.ts';
import { compileFilterToSql } from './compile-filter-to-sql.ts';
import { ensureModuleSchema } from './ensure-module-schema.ts';
import { openConnection } from './open-connection.ts';
import { recordToRow } from './record-to-row.ts';
import { tableName } from './table-name.ts';

let db: Database.Database;

function insertRow(args: { module: string; record: Record<string, unknown> }): void {
  const row = recordToRow({ deletedAt: null, ...args.record } as RecordDoc);
  db.prepare(
    `INSERT INTO ${tableName(args.module)} (id, version, owner, created_at, created_by, updated_at, updated_by, deleted_at, deleted_by, doc)` +
      ' VALUES (@id, @version, @owner, @created_at, @created_by, @updated_at, @updated_by, @deleted_at, @deleted_by, @doc)',
  ).run(row);
}

/** The ids of the live records of `module` matching the SQL of `node`. */
function matchingIds(args: { module: string; node: FilterNode; isNegated?: boolean }): string[] {
  const { sql, params } = compileFilterToSql({ node: args.node, module: args.module, alias: 't' });
  const condition = args.isNegated ? `NOT ${sql}` : sql;
  const rows = db
    .prepare(`SELECT t.id FROM ${tableName(args.module)} AS t WHERE t.deleted_at IS NULL AND ${condition}`)
    .all(...params) as Array<{ id: string }>;
  return rows.map((row) => row.id).sort();
}

function recordsOf(module: string): Array<Record<string, unknown>> {
  return filterCaseRecords[module] ?? [];
}

function allIds(module: string): string[] {
  return recordsOf(module)
    .map((record) => String(record.id))
    .sort();
}

function bound(args: {
  json: unknown;
  module: string;
  now?: string;
  principal?: PrincipalAttributes;
}): FilterNode {
  const node = parseFilter({ json: args.json, module: args.module, catalog: filterCaseCatalog });
  return bindVariables({
    node,
    principal: args.principal ?? {},
    now: new Date(args.now ?? defaultFilterCaseNow),
  });
}

function peopleField(name: string): FilterField {
  const field = filterCaseCatalog.modules.get('people')?.fields.get(name);
  if (!field) throw new Error(`no fixture field ${name}`);
  return field;
}

beforeAll(() => {
  db = openConnection({ file: ':memory:' });
  for (const module of compileCatalogModules(filterCaseCatalog)) ensureModuleSchema({ db, module });
  for (const [module, records] of Object.entries(filterCaseRecords)) {
    for (const record of records) insertRow({ module, record });
  }
});

afterAll(() => {
  db.close();
});

describe('compileFilterToSql on the shared filter case table', () => {
  for (const filterCase of filterCases) {
    it(`${filterCase.module}: ${filterCase.name}`, () => {
      const node = bound({ ...filterCase, json: filterCase.filter });
      expect(matchingIds({ module: filterCase.module, node })).toEqual([...filterCase.expected].sort());
    });
  }
});

describe('compileFilterToSql two-valued logic', () => {
  for (const filterCase of filterCases) {
    it(`NOT is the complement for ${filterCase.module}: ${filterCase.name}`, () => {
      const node = bound({ ...filterCase, json: filterCase.filter });
      const expected = new Set(filterCase.expected);
      const complement = allIds(filterCase.module).filter((id) => !expected.has(id));
      expect(matchingIds({ module: filterCase.module, node, isNegated: true })).toEqual(complement);
    });
  }
});

describe('compileFilterToSql against evaluate', () => {
  type FieldSpec = { path: string; field: FilterField; values: unknown[] };

  const related = ({ module, id }: { module: string; id: string }) =>
    recordsOf(module).find((record) => record.id === id);

  function valuesOf(args: { module: string; field: FilterField }): unknown[] {
    const found = new Set<unknown>(args.field.optionValues ?? []);
    for (const record of recordsOf(args.module)) {
      const value = record[args.field.name];
      for (const element of Array.isArray(value) ? value : [value]) {
        if (normalizeScalar({ value: element, field: args.field }) === undefined) continue;
        found.add(element);
        if (typeof element === 'string' && element.length > 2) {
          found.add(element.slice(0, 3).toUpperCase());
          found.add(element.slice(1, -1));
        }
      }
    }
    if (args.field.relation) for (const id of allIds(args.field.relation.module)) found.add(id);
    return [...found].filter((value) => normalizeScalar({ value, field: args.field }) !== undefined);
  }

  function specsOf(args: { module: string; prefix?: string }): FieldSpec[] {
    const module = filterCaseCatalog.modules.get(args.module);
    if (!module) return [];
    return [...module.fields.values()].map((field) => ({
      path: args.prefix ? `${args.prefix}.${field.name}` : field.name,
      field,
      values: valuesOf({ module: args.module, field }),
    }));
  }

  const specs = [...specsOf({ module: 'people' }), ...specsOf({ module: 'companies', prefix: 'company' })];
  const withinNames = [
    'today',
    'thisWeek',
    'lastMonth',
    'thisYear',
    'last30days',
    'next7days',
    'past',
    'future',
  ];

  function operandOf(args: { spec: FieldSpec; op: Operator }): fc.Arbitrary<unknown> {
    const { spec, op } = args;
    const value = spec.values.length > 0 ? fc.constantFrom(...spec.values) : fc.constant('x');
    if (op === 'exists') return fc.boolean();
    if (op === 'within') return fc.constantFrom(...withinNames);
    if (op === 'in' || op === 'nin') return fc.array(value, { maxLength: 4 });
    if (op === 'between') return fc.tuple(value, value);
    return value;
  }

  const condition: fc.Arbitrary<unknown> = fc.constantFrom(...specs).chain((spec) => {
    const ops = [...operatorsByKind[fieldKind(spec.field)]];
    return fc
      .constantFrom(...ops)
      .chain((op) => operandOf({ spec, op }).map((operand) => ({ [spec.path]: { [op]: operand } })));
  });

  const { filter } = fc.letrec((tie) => ({
    filter: fc.oneof(
      { maxDepth: 3, depthIdentifier: 'filter' },
      condition,
      fc.array(tie('filter'), { maxLength: 3 }).map((children) => ({ and: children })),
      fc.array(tie('filter'), { maxLength: 3 }).map((children) => ({ or: children })),
      tie('filter').map((child) => ({ not: child })),
    ),
  }));

  it('selects exactly the records evaluate selects, for generated filters', () => {
    fc.assert(
      fc.property(filter, (json) => {
        const node = bound({ json, module: 'people' });
        const expected = recordsOf('people')
          .filter((record) => evaluate({ node, record, related }))
          .map((record) => String(record.id))
          .sort();
        expect(matchingIds({ module: 'people', node })).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });
});

describe('compileFilterToSql safety', () => {
  it('binds a hostile value as a parameter and never writes it into the SQL', () => {
    const value = "x') OR 1=1 --";
    const node = bound({ json: { name: { eq: value } }, module: 'people' });
    const { sql, params } = compileFilterToSql({ node, module: 'people', alias: 't' });
    expect(sql).not.toContain(value);
    expect(sql).not.toContain('OR 1=1');
    expect(params).toContain(value);
    expect(matchingIds({ module: 'people', node })).toEqual([]);
    const contains = bound({ json: { name: { contains: value } }, module: 'people' });
    expect(matchingIds({ module: 'people', node: contains })).toEqual([]);
  });

  it('refuses a field name that is not a plain name before it reaches a JSON path', () => {
    const node: FilterNode = {
      kind: 'condition',
      field: { path: 'x', module: 'people', field: { name: "name') OR 1=1 --", type: 'text' } },
      op: 'eq',
      value: 'a',
    };
    expect(() => compileFilterToSql({ node, module: 'people' })).toThrow('is not a field name');
  });

  it('refuses an alias that is not an identifier', () => {
    const node = bound({ json: { name: { eq: 'a' } }, module: 'people' });
    expect(() => compileFilterToSql({ node, module: 'people', alias: 't; DROP TABLE x' })).toThrow();
  });

  it('throws on an unbound variable', () => {
    const node = parseFilter({
      json: { owner: { eq: '$principal.id' } },
      module: 'people',
      catalog: filterCaseCatalog,
    });
    expect(() => compileFilterToSql({ node, module: 'people' })).toThrow('still holds a variable');
  });

  it('throws on an unbound within', () => {
    const node: FilterNode = {
      kind: 'condition',
      field: { path: 'birthday', module: 'people', field: peopleField('birthday') },
      op: 'within',
      value: 'today',
    };
    expect(() => compileFilterToSql({ node, module: 'people' })).toThrow('within');
  });

  it('refuses a condition on another module than the one compiled for', () => {
    const node = bound({ json: { name: { eq: 'Acme Corp' } }, module: 'companies' });
    expect(() => compileFilterToSql({ node, module: 'people' })).toThrow();
  });

  it('matches regex and LIKE metacharacters literally', () => {
    expect(
      matchingIds({
        module: 'people',
        node: bound({ json: { name: { contains: '(a+)+$' } }, module: 'people' }),
      }),
    ).toEqual(['p13']);
    expect(
      matchingIds({
        module: 'people',
        node: bound({ json: { bio: { contains: '(A+)+$' } }, module: 'people' }),
      }),
    ).toEqual(['p05']);
    expect(
      matchingIds({
        module: 'people',
        node: bound({ json: { name: { contains: '%_' } }, module: 'people' }),
      }),
    ).toEqual(['p16']);
  });

  it('runs a 10 kB contains pattern over long text quickly', () => {
    db.exec('CREATE TABLE IF NOT EXISTS m_long (id TEXT, deleted_at TEXT, doc TEXT)');
    const insert = db.prepare('INSERT INTO m_long (id, deleted_at, doc) VALUES (?, NULL, ?)');
    const text = `${'a'.repeat(10_000)}(a+)+$`;
    db.transaction(() => {
      for (let index = 0; index < 500; index += 1) insert.run(`l${index}`, JSON.stringify({ body: text }));
    })();
    const body: FilterField = { name: 'body', type: 'longText' };
    const run = (pattern: string) => {
      const node: FilterNode = {
        kind: 'condition',
        field: { path: 'body', module: 'long', field: body },
        op: 'contains',
        value: pattern,
      };
      const { sql, params } = compileFilterToSql({ node, module: 'long' });
      return db.prepare(`SELECT count(*) AS total FROM m_long WHERE ${sql}`).get(...params) as {
        total: number;
      };
    };
    const started = performance.now();
    expect(run(`${'A'.repeat(10_000)}b`).total).toBe(0);
    expect(run('(a+)+$').total).toBe(500);
    expect(run(`${'a'.repeat(9_990)}(A+)+$`).total).toBe(500);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
