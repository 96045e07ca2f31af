import { describe, expect, it } from 'vitest';
import { isRoleWithin } from './is-role-within.ts';
import { loadStaffApp } from './staff-fixture-org.test-helper.ts';

const app = loadStaffApp();

describe('isRoleWithin', () => {
  it.each([
    { role: 'rep1', top: 'rep1', isWithin: true },
    { role: 'rep1', top: 'salesManager', isWithin: true },
    { role: 'rep1', top: 'ceo', isWithin: true },
    { role: 'salesManager', top: 'rep1', isWithin: false },
    { role: 'rep1', top: 'rep2', isWithin: false },
    { role: 'supportAgent', top: 'salesManager', isWithin: false },
    { role: 'noSuchRole', top: 'ceo', isWithin: false },
    { role: 'noSuchRole', top: 'noSuchRole', isWithin: true },
  ])('$role within $top: $isWithin', ({ role, top, isWithin }) => {
    expect(isRoleWithin({ app, role, top })).toBe(isWithin);
  });
});
