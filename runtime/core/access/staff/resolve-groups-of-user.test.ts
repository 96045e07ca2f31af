import { describe, expect, it } from 'vitest';
import { resolveGroupsOfUser } from './resolve-groups-of-user.ts';
import { loadStaffApp, staffOrgDirectory, staffOrgDocs } from './staff-fixture-org.test-helper.ts';

const app = loadStaffApp();

describe('resolveGroupsOfUser', () => {
  it.each([
    {
      why: 'listed by id, then through two nestings',
      userId: 'rep2a',
      groups: ['everyone', 'northTeam', 'salesTeam'],
    },
    { why: 'through a member role', userId: 'mgr1', groups: ['everyone', 'salesTeam'] },
    { why: 'through the top of rolesAndSubordinates', userId: 'sup1', groups: ['everyone', 'supportTeam'] },
    {
      why: 'through a role below rolesAndSubordinates',
      userId: 'agent1',
      groups: ['everyone', 'supportTeam'],
    },
    { why: 'roles (without subordinates) do not reach below', userId: 'rep1a', groups: [] },
    { why: 'a role above every member role', userId: 'ceo1', groups: [] },
    { why: 'an inactive user keeps its memberships', userId: 'gone1', groups: [] },
    { why: 'an id posing as a group owner key', userId: 'group:northTeam', groups: [] },
  ])('$userId: $groups ($why)', ({ userId, groups }) => {
    expect(resolveGroupsOfUser({ app, directory: staffOrgDirectory, userId })).toEqual(groups);
  });

  it('counts a user missing from the directory only where listed by id', () => {
    const docs = staffOrgDocs().map((doc) =>
      doc.kind === 'group' && doc.name === 'northTeam' ? { ...doc, members: { users: ['ghost'] } } : doc,
    );
    const changed = loadStaffApp(docs);
    expect(resolveGroupsOfUser({ app: changed, directory: staffOrgDirectory, userId: 'ghost' })).toEqual([
      'everyone',
      'northTeam',
      'salesTeam',
    ]);
  });
});
