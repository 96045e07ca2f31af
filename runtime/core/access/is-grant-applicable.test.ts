import { describe, expect, it } from 'vitest';
import { filter } from './access-test-fixture.ts';
import { isGrantApplicable } from './is-grant-applicable.ts';

const tech = { 'account.industry': { eq: 'tech' } };

describe('isGrantApplicable', () => {
  it.each<{
    name: string;
    where: Record<string, unknown>;
    record: Record<string, unknown>;
    applies: boolean;
  }>([
    { name: 'a matching condition', where: { owner: { eq: 'u1' } }, record: { owner: 'u1' }, applies: true },
    { name: 'a failing condition', where: { owner: { eq: 'u1' } }, record: { owner: 'u2' }, applies: false },
    { name: 'no scope at all', where: {}, record: {}, applies: true },
    { name: 'a relation hop alone', where: tech, record: { account: 'a1' }, applies: false },
    { name: 'a negated relation hop', where: { not: tech }, record: { account: 'a1' }, applies: false },
    {
      name: 'a relation hop OR a matching condition',
      where: { or: [tech, { owner: { eq: 'u1' } }] },
      record: { owner: 'u1' },
      applies: true,
    },
    {
      name: 'a relation hop OR a failing condition',
      where: { or: [tech, { owner: { eq: 'u1' } }] },
      record: { owner: 'u2' },
      applies: false,
    },
    {
      name: 'a relation hop AND a matching condition',
      where: { and: [tech, { owner: { eq: 'u1' } }] },
      record: { owner: 'u1' },
      applies: false,
    },
    {
      name: 'NOT (a relation hop AND a failing condition)',
      where: { not: { and: [tech, { owner: { eq: 'u1' } }] } },
      record: { owner: 'u2' },
      applies: true,
    },
  ])('$name → $applies', ({ where, record, applies }) => {
    expect(isGrantApplicable({ where: filter(where), record })).toBe(applies);
  });
});
