import { describe, expect, it } from 'vitest';
import type { PrincipalSet } from '../../metadata/types.ts';
import { isUserInPrincipalSet } from './is-user-in-principal-set.ts';
import { loadStaffApp } from './staff-fixture-org.test-helper.ts';

const app = loadStaffApp();

describe('isUserInPrincipalSet', () => {
  it.each<{ roleId: string; groupIds: string[]; set: PrincipalSet; isIn: boolean }>([
    { roleId: 'rep1', groupIds: [], set: { type: 'role', name: 'rep1' }, isIn: true },
    { roleId: 'rep1', groupIds: [], set: { type: 'role', name: 'salesManager' }, isIn: false },
    { roleId: 'salesManager', groupIds: [], set: { type: 'role', name: 'rep1' }, isIn: false },
    { roleId: 'rep1', groupIds: [], set: { type: 'roleAndSubordinates', name: 'salesManager' }, isIn: true },
    {
      roleId: 'salesManager',
      groupIds: [],
      set: { type: 'roleAndSubordinates', name: 'salesManager' },
      isIn: true,
    },
    { roleId: 'ceo', groupIds: [], set: { type: 'roleAndSubordinates', name: 'salesManager' }, isIn: false },
    { roleId: 'noSuchRole', groupIds: [], set: { type: 'roleAndSubordinates', name: 'ceo' }, isIn: false },
    { roleId: 'rep1', groupIds: ['salesTeam'], set: { type: 'group', name: 'salesTeam' }, isIn: true },
    { roleId: 'rep1', groupIds: ['northTeam'], set: { type: 'group', name: 'salesTeam' }, isIn: false },
  ])('role $roleId, groups $groupIds in $set.type $set.name: $isIn', ({ roleId, groupIds, set, isIn }) => {
    expect(isUserInPrincipalSet({ app, roleId, groupIds, set })).toBe(isIn);
  });
});
