import { describe, expect, it } from 'vitest';
import { filterCaseCatalog, filterErrorCases } from '../../../test/fixtures/filter-cases.ts';
import { AppError } from '../errors.ts';
import { parseFilter } from './parse-filter.ts';
import type { FilterNode } from './types.ts';

const catalog = filterCaseCatalog;

function parseError(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected parseFilter to throw');
}

function parsePeople(json: unknown): FilterNode {
  return parseFilter({ json, module: 'people', catalog });
}

describe('parseFilter error cases', () => {
  it('has at least 25 error cases with distinct names', () => {
    expect(filterErrorCases.length).toBeGreaterThanOrEqual(25);
    expect(new Set(filterErrorCases.map((testCase) => testCase.name)).size).toBe(filterErrorCases.length);
  });

  it.each(filterErrorCases)('rejects $name', (testCase) => {
    const unreadable = new Set(testCase.unreadable ?? []);
    const error = parseError(() =>
      parseFilter({
        json: testCase.filter,
        module: testCase.module,
        catalog,
        isFieldReadable: ({ module, field }) => !unreadable.has(`${module}.${field}`),
      }),
    );
    expect({ code: error.code, path: error.details?.path }).toEqual({
      code: testCase.code ?? 'INVALID_FILTER',
      path: testCase.path,
    });
    expect(error.status).toBe(testCase.code === 'FIELD_NOT_READABLE' ? 403 : 400);
    expect(error.message.length).toBeGreaterThan(10);
  });
});

describe('parseFilter messages', () => {
  it('names the field and operator that do not fit', () => {
    expect(parseError(() => parsePeople({ isVip: { gt: true } })).message).toMatch(/'gt'.*'isVip'/);
  });

  it('tells the user to use exists instead of null', () => {
    expect(parseError(() => parsePeople({ email: { eq: null } })).message).toMatch(/exists/);
  });

  it('tells the user how to write a literal $', () => {
    expect(parseError(() => parsePeople({ name: { eq: '$user' } })).message).toMatch(/\$\$/);
  });

  it('lists the options of a select', () => {
    expect(parseError(() => parsePeople({ status: { eq: 'archived' } })).message).toMatch(/lead, active/);
  });
});

describe('parseFilter on hostile input', () => {
  it('refuses 100-deep nesting quickly', () => {
    let json: unknown = { name: { exists: true } };
    for (let index = 0; index < 100; index += 1) json = { and: [json] };
    const started = performance.now();
    expect(parseError(() => parsePeople(json)).code).toBe('INVALID_FILTER');
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('refuses nesting far beyond the stack without overflowing it', () => {
    let json: unknown = {};
    for (let index = 0; index < 200_000; index += 1) json = { not: json };
    expect(parseError(() => parsePeople(json)).details?.path).toBe('/not'.repeat(12));
  });

  it('refuses 10k keys quickly', () => {
    const json = Object.fromEntries(Array.from({ length: 10_000 }, (_, index) => [`f${index}`, { eq: 1 }]));
    const started = performance.now();
    expect(parseError(() => parsePeople(json)).details?.path).toBe('');
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('refuses 10k conditions spread over many groups', () => {
    const json = {
      and: Array.from({ length: 100 }, () => ({
        or: Array.from({ length: 100 }, () => ({ age: { eq: 1 } })),
      })),
    };
    expect(parseError(() => parsePeople(json)).message).toMatch(/more than 500/);
  });

  it('refuses an in list of 100k values quickly', () => {
    const json = { age: { in: Array.from({ length: 100_000 }, (_, index) => index) } };
    const started = performance.now();
    expect(parseError(() => parsePeople(json)).details?.path).toBe('/age/in');
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('refuses a __proto__ key without polluting Object.prototype', () => {
    const json: unknown = JSON.parse(
      '{"__proto__": {"polluted": {"eq": 1}}, "and": [{"__proto__": {"x": 1}}]}',
    );
    expect(parseError(() => parsePeople(json)).details?.path).toBe('/__proto__');
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a __proto__ key nested inside and', () => {
    const json: unknown = JSON.parse('{"and": [{"__proto__": {"eq": 1}}]}');
    expect(parseError(() => parsePeople(json)).details?.path).toBe('/and/0/__proto__');
    expect(({} as Record<string, unknown>).eq).toBeUndefined();
  });

  it('refuses a Mongo operator smuggled in as an operator', () => {
    const error = parseError(() => parsePeople(JSON.parse('{ "email": { "$ne": null } }')));
    expect({ code: error.code, path: error.details?.path }).toEqual({
      code: 'INVALID_FILTER',
      path: '/email/$ne',
    });
  });

  it('refuses a __proto__ operator', () => {
    const json: unknown = JSON.parse('{"email": {"__proto__": "x"}}');
    expect(parseError(() => parsePeople(json)).details?.path).toBe('/email/__proto__');
  });

  it('refuses an object that is not plain', () => {
    expect(parseError(() => parsePeople(new Date())).details?.path).toBe('');
    expect(parseError(() => parsePeople({ createdAt: { eq: new Date() } })).details?.path).toBe(
      '/createdAt/eq',
    );
  });

  it('refuses a holey in list', () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point
    expect(parseError(() => parsePeople({ age: { in: [1, , 3] } })).details?.path).toBe('/age/in/1');
  });

  it('refuses an unknown module', () => {
    expect(parseError(() => parseFilter({ json: {}, module: 'nope', catalog })).details?.path).toBe('');
  });

  it('honours smaller limits', () => {
    const error = parseError(() =>
      parseFilter({
        json: { status: { in: ['lead', 'active'] } },
        module: 'people',
        catalog,
        limits: { maxListValues: 1 },
      }),
    );
    expect(error.details?.path).toBe('/status/in');
  });
});

describe('parseFilter results', () => {
  it('parses an empty filter to TRUE', () => {
    expect(parsePeople({})).toEqual({ kind: 'true' });
  });

  it('parses several keys to an and', () => {
    const node = parsePeople({ status: { eq: 'lead' }, age: { gt: 1 } });
    expect(node.kind).toBe('and');
    expect(node.kind === 'and' && node.children.length).toBe(2);
  });

  it('parses a relation path to a field reference with via', () => {
    const node = parsePeople({ 'company.industry': { eq: 'software' } });
    expect(node).toMatchObject({
      kind: 'condition',
      op: 'eq',
      value: 'software',
      field: {
        path: 'company.industry',
        module: 'companies',
        field: { name: 'industry' },
        via: { module: 'people', field: { name: 'company' } },
      },
    });
  });

  it('parses variables to variable operands', () => {
    expect(parsePeople({ company: { eq: '$principal.accountId' } })).toMatchObject({
      value: { variable: '$principal.accountId' },
    });
    expect(parsePeople({ owner: { in: ['u1', '$principal.id'] } })).toMatchObject({
      value: ['u1', { variable: '$principal.id' }],
    });
  });

  it('parses $$ to a literal string starting with $', () => {
    expect(parsePeople({ name: { eq: '$$principal.id' } })).toMatchObject({ value: '$principal.id' });
  });

  it('normalises dateTime literals to toISOString', () => {
    expect(parsePeople({ createdAt: { gte: '2026-03-15T13:30+01:00' } })).toMatchObject({
      value: '2026-03-15T12:30:00.000Z',
    });
  });

  it('keeps within for bindVariables', () => {
    expect(parsePeople({ followUpOn: { within: 'next90days' } })).toMatchObject({
      op: 'within',
      value: 'next90days',
    });
  });

  it('accepts a field the principal may read', () => {
    const node = parseFilter({
      json: { 'company.name': { eq: 'Globex' } },
      module: 'people',
      catalog,
      isFieldReadable: () => true,
    });
    expect(node.kind).toBe('condition');
  });
});

describe('parseFilter with hidesUnreadable', () => {
  const parse = (json: unknown) => {
    try {
      parseFilter({
        json,
        module: 'people',
        catalog: filterCaseCatalog,
        isFieldReadable: ({ field }) => field !== 'email',
        hidesUnreadable: true,
      });
    } catch (error) {
      return error as AppError;
    }
    throw new Error('expected a refusal');
  };

  it('answers an unreadable field exactly like an unknown one, so hidden names cannot be probed', () => {
    const hidden = parse({ email: { eq: 'x' } });
    const unknown = parse({ nosuch: { eq: 'x' } });
    expect(hidden.code).toBe(unknown.code);
    expect(hidden.status).toBe(400);
    expect(hidden.message.replace('email', 'F')).toBe(unknown.message.replace('nosuch', 'F'));
  });
});
