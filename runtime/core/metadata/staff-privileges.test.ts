import { describe, expect, it } from 'vitest';
import { loadStarterApp } from '../../../test/helpers/load-starter-app.ts';
import type { CompiledApp, CompiledRole } from './compile-app.ts';
import { staffPrivileges } from './staff-privileges.ts';
import { type ProfileDoc, type SystemPrivilege, systemPrivileges } from './types.ts';

const starter = await loadStarterApp();

function profile(name: string, granted: SystemPrivilege[]): ProfileDoc {
  const privileges = {
    manageMetadata: false,
    manageUsers: false,
    managePortals: false,
    managePlugins: false,
    viewAudit: false,
  };
  for (const privilege of granted) privileges[privilege] = true;
  return { kind: 'profile', name, label: name, modules: {}, privileges };
}

function role(name: string, profiles: string[]): CompiledRole {
  return { kind: 'role', name, label: name, profiles, ancestors: [], descendants: [] };
}

/** The starter app with profiles and roles replaced by a small table. */
const app: CompiledApp = {
  ...starter,
  profiles: new Map([
    ['auditor', profile('auditor', ['viewAudit'])],
    ['userAdmin', profile('userAdmin', ['manageUsers', 'viewAudit'])],
    ['everything', profile('everything', [...systemPrivileges])],
  ]),
  roles: new Map([
    ['auditors', role('auditors', ['auditor'])],
    ['leads', role('leads', ['auditor', 'userAdmin'])],
    ['admins', role('admins', ['everything'])],
    ['ghosts', role('ghosts', ['noSuchProfile'])],
    ['nobody', role('nobody', [])],
  ]),
};

describe('staffPrivileges', () => {
  // biome-ignore format: one row per line reads as a table
  it.each<{ why: string; roleId: string; granted: SystemPrivilege[] }>([
    { why: 'a role has the privileges of its profile', roleId: 'auditors', granted: ['viewAudit'] },
    { why: 'a role has a privilege any of its profiles grants', roleId: 'leads', granted: ['manageUsers', 'viewAudit'] },
    { why: 'a role may have every privilege', roleId: 'admins', granted: [...systemPrivileges] },
    { why: 'an unknown profile grants nothing', roleId: 'ghosts', granted: [] },
    { why: 'a role without profiles has nothing', roleId: 'nobody', granted: [] },
    { why: 'an unknown role has nothing', roleId: 'noSuchRole', granted: [] },
  ])('$why', ({ roleId, granted }) => {
    const privileges = staffPrivileges({ app, roleId });
    expect(Object.keys(privileges)).toEqual([...systemPrivileges]);
    expect(systemPrivileges.filter((privilege) => privileges[privilege])).toEqual(granted);
  });
});
