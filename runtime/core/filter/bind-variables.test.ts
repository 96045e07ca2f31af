import { describe, expect, it } from 'vitest';
import { filterCaseCatalog } from '../../../test/fixtures/filter-cases.ts';
import { bindVariables } from './bind-variables.ts';
import { parseFilter } from './parse-filter.ts';
import type { FilterNode, PrincipalAttributes } from './types.ts';

const now = new Date('2026-03-15T12:00:00.000Z');

function bind(args: {
  json: unknown;
  principal?: PrincipalAttributes;
  at?: Date;
  module?: string;
}): FilterNode {
  const node = parseFilter({ json: args.json, module: args.module ?? 'people', catalog: filterCaseCatalog });
  return bindVariables({ node, principal: args.principal ?? {}, now: args.at ?? now });
}

function hasUnbound(node: FilterNode): boolean {
  if (node.kind === 'and' || node.kind === 'or') return node.children.some(hasUnbound);
  if (node.kind === 'not') return hasUnbound(node.child);
  if (node.kind !== 'condition') return false;
  const values = Array.isArray(node.value) ? node.value : [node.value];
  return node.op === 'within' || values.some((value) => typeof value === 'object');
}

describe('bindVariables: variables', () => {
  it('replaces $principal attributes', () => {
    expect(bind({ json: { owner: { eq: '$principal.id' } }, principal: { id: 'u7' } })).toMatchObject({
      op: 'eq',
      value: 'u7',
    });
  });

  it('replaces an array attribute used as an in list', () => {
    expect(
      bind({ json: { owner: { nin: '$principal.groupIds' } }, principal: { groupIds: ['g1', 'g2'] } }),
    ).toMatchObject({ op: 'nin', value: ['g1', 'g2'] });
  });

  it('replaces a scalar attribute inside an in list', () => {
    expect(bind({ json: { owner: { in: ['u1', '$principal.id'] } }, principal: { id: 'u2' } })).toMatchObject(
      {
        value: ['u1', 'u2'],
      },
    );
  });

  it('binds $now to the instant on dateTime fields', () => {
    expect(bind({ json: { createdAt: { lt: '$now' } } })).toMatchObject({
      value: '2026-03-15T12:00:00.000Z',
    });
  });

  it('binds $now to the UTC day on date fields', () => {
    const lateEvening = new Date('2026-03-15T23:30:00.000-05:00');
    expect(bind({ json: { birthday: { eq: '$now' } }, at: lateEvening })).toMatchObject({
      value: '2026-03-16',
    });
  });

  it('binds $today to the UTC day on date fields and its midnight on dateTime fields', () => {
    expect(bind({ json: { birthday: { eq: '$today' } } })).toMatchObject({ value: '2026-03-15' });
    expect(bind({ json: { createdAt: { gte: '$today' } } })).toMatchObject({
      value: '2026-03-15T00:00:00.000Z',
    });
  });

  it('normalises a dateTime attribute', () => {
    expect(
      bind({
        json: { createdAt: { gte: '$principal.since' } },
        principal: { since: '2026-01-01T01:00:00+01:00' },
      }),
    ).toMatchObject({ value: '2026-01-01T00:00:00.000Z' });
  });

  it('leaves no variable behind', () => {
    const node = bind({
      json: {
        and: [
          { owner: { in: ['u1', '$principal.id'] } },
          { or: [{ createdAt: { lt: '$now' } }, { followUpOn: { within: 'thisWeek' } }] },
          { not: { company: { eq: '$principal.accountId' } } },
        ],
      },
      principal: { id: 'u1', accountId: 'c01' },
    });
    expect(hasUnbound(node)).toBe(false);
  });

  it('does not read prototype properties of the principal', () => {
    const principal = Object.create({ inherited: 'u1' });
    expect(bind({ json: { owner: { eq: '$principal.inherited' } }, principal })).toEqual({ kind: 'false' });
  });
});

describe('bindVariables: failing closed', () => {
  it('turns a condition on a missing attribute into FALSE', () => {
    expect(bind({ json: { owner: { eq: '$principal.missing' } } })).toEqual({ kind: 'false' });
  });

  it('turns a condition on a missing attribute under one not into TRUE, so the not is FALSE', () => {
    expect(bind({ json: { not: { owner: { eq: '$principal.missing' } } } })).toEqual({ kind: 'false' });
  });

  it('keeps the polarity of each branch under a not', () => {
    const node = bind({
      json: { not: { and: [{ status: { eq: 'lead' } }, { owner: { eq: '$principal.x' } }] } },
    });
    expect(node).toMatchObject({ kind: 'not', child: { kind: 'condition', op: 'eq', value: 'lead' } });
  });

  it('fails closed on a null attribute', () => {
    expect(bind({ json: { owner: { eq: '$principal.id' } }, principal: { id: null } })).toEqual({
      kind: 'false',
    });
  });

  it('fails closed on an array where a scalar is needed', () => {
    expect(bind({ json: { owner: { ne: '$principal.ids' } }, principal: { ids: ['u1'] } })).toEqual({
      kind: 'false',
    });
  });

  it('fails closed on a scalar where a list is needed', () => {
    expect(bind({ json: { owner: { in: '$principal.id' } }, principal: { id: 'u1' } })).toEqual({
      kind: 'false',
    });
  });

  it('fails closed on a value of the wrong type', () => {
    expect(bind({ json: { age: { gt: '$principal.age' } }, principal: { age: '40' } })).toEqual({
      kind: 'false',
    });
    expect(bind({ json: { birthday: { gt: '$principal.day' } }, principal: { day: 'soon' } })).toEqual({
      kind: 'false',
    });
  });

  it('fails closed on a missing element of an in list', () => {
    expect(bind({ json: { owner: { in: ['u1', '$principal.missing'] } } })).toEqual({ kind: 'false' });
  });

  it('fails closed on a missing end of a between', () => {
    expect(bind({ json: { not: { createdAt: { between: ['$principal.from', '$now'] } } } })).toEqual({
      kind: 'false',
    });
  });
});

describe('bindVariables: within', () => {
  const cases: Array<{ within: string; at?: string; date: [string, string] }> = [
    { within: 'today', date: ['2026-03-15', '2026-03-15'] },
    { within: 'yesterday', date: ['2026-03-14', '2026-03-14'] },
    { within: 'tomorrow', date: ['2026-03-16', '2026-03-16'] },
    { within: 'thisWeek', date: ['2026-03-09', '2026-03-15'] },
    { within: 'lastWeek', date: ['2026-03-02', '2026-03-08'] },
    { within: 'nextWeek', date: ['2026-03-16', '2026-03-22'] },
    { within: 'thisMonth', date: ['2026-03-01', '2026-03-31'] },
    { within: 'lastMonth', date: ['2026-02-01', '2026-02-28'] },
    { within: 'nextMonth', date: ['2026-04-01', '2026-04-30'] },
    { within: 'thisQuarter', date: ['2026-01-01', '2026-03-31'] },
    { within: 'lastQuarter', date: ['2025-10-01', '2025-12-31'] },
    { within: 'nextQuarter', date: ['2026-04-01', '2026-06-30'] },
    { within: 'thisYear', date: ['2026-01-01', '2026-12-31'] },
    { within: 'lastYear', date: ['2025-01-01', '2025-12-31'] },
    { within: 'nextYear', date: ['2027-01-01', '2027-12-31'] },
    { within: 'last30days', date: ['2026-02-13', '2026-03-15'] },
    { within: 'next1days', date: ['2026-03-15', '2026-03-16'] },
    { within: 'last3650days', date: ['2016-03-17', '2026-03-15'] },
    { within: 'thisWeek', at: '2026-03-16T00:00:00.000Z', date: ['2026-03-16', '2026-03-22'] },
    { within: 'lastMonth', at: '2024-03-31T10:00:00.000Z', date: ['2024-02-01', '2024-02-29'] },
    { within: 'nextQuarter', at: '2026-11-30T10:00:00.000Z', date: ['2027-01-01', '2027-03-31'] },
    { within: 'lastWeek', at: '2026-01-01T10:00:00.000Z', date: ['2025-12-22', '2025-12-28'] },
  ];

  it.each(cases)('resolves $within at $at on a date field', ({ within, at, date }) => {
    const node = bind({ json: { birthday: { within } }, at: at ? new Date(at) : now });
    expect(node).toMatchObject({
      kind: 'and',
      children: [
        { op: 'gte', value: date[0] },
        { op: 'lte', value: date[1] },
      ],
    });
  });

  it.each(cases)('resolves $within at $at on a dateTime field', ({ within, at, date }) => {
    const node = bind({ json: { createdAt: { within } }, at: at ? new Date(at) : now });
    expect(node).toMatchObject({
      kind: 'and',
      children: [
        { op: 'gte', value: `${date[0]}T00:00:00.000Z` },
        { op: 'lte', value: `${date[1]}T23:59:59.999Z` },
      ],
    });
  });

  it('resolves past and future to before and after now', () => {
    expect(bind({ json: { createdAt: { within: 'past' } } })).toMatchObject({
      op: 'lt',
      value: '2026-03-15T12:00:00.000Z',
    });
    expect(bind({ json: { birthday: { within: 'future' } } })).toMatchObject({
      op: 'gt',
      value: '2026-03-15',
    });
  });

  it('keeps the relation path of a within behind a relation', () => {
    const node = bind({ json: { 'company.foundedOn': { within: 'thisYear' } } });
    expect(node).toMatchObject({
      kind: 'and',
      children: [{ field: { path: 'company.foundedOn' } }, { field: { path: 'company.foundedOn' } }],
    });
  });
});
