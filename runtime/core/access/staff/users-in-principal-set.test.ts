import { describe, expect, it } from 'vitest';
import type { PrincipalSet } from '../../metadata/types.ts';
import { loadStaffApp, staffOrgDirectory } from './staff-fixture-org.test-helper.ts';
import { usersInPrincipalSet } from './users-in-principal-set.ts';

const app = loadStaffApp();

describe('usersInPrincipalSet', () => {
  it.each<{ set: PrincipalSet; owners: string[] }>([
    { set: { type: 'role', name: 'rep1' }, owners: ['gone1', 'rep1a', 'rep1b'] },
    { set: { type: 'role', name: 'salesManager' }, owners: ['mgr1'] },
    {
      set: { type: 'roleAndSubordinates', name: 'salesManager' },
      owners: ['gone1', 'mgr1', 'rep1a', 'rep1b', 'rep2a'],
    },
    { set: { type: 'roleAndSubordinates', name: 'supportAgent' }, owners: ['agent1'] },
    { set: { type: 'group', name: 'northTeam' }, owners: ['group:northTeam', 'rep2a'] },
    {
      set: { type: 'group', name: 'salesTeam' },
      owners: ['group:northTeam', 'group:salesTeam', 'mgr1', 'rep2a'],
    },
    {
      set: { type: 'group', name: 'everyone' },
      owners: [
        'admin1',
        'agent1',
        'group:everyone',
        'group:northTeam',
        'group:salesTeam',
        'group:supportTeam',
        'mgr1',
        'rep2a',
        'sup1',
      ],
    },
    { set: { type: 'group', name: 'noSuchGroup' }, owners: [] },
    { set: { type: 'role', name: 'noSuchRole' }, owners: [] },
  ])('$set.type $set.name owns as $owners', ({ set, owners }) => {
    expect(usersInPrincipalSet({ app, directory: staffOrgDirectory, set })).toEqual(owners);
  });

  it('ignores directory entries posing as group owner keys', () => {
    const directory = { users: [{ id: 'group:supportTeam', role: 'rep1', active: true }] };
    expect(usersInPrincipalSet({ app, directory, set: { type: 'role', name: 'rep1' } })).toEqual([]);
  });
});
