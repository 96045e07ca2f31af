import { describe, expect, it } from 'vitest';
import type { CompiledModule } from '../../metadata/compile-module.ts';
import { compileModuleGrants } from './compile-module-grants.ts';
import { loadStaffApp, staffOrgDirectory } from './staff-fixture-org.test-helper.ts';

const app = loadStaffApp();
const module = (name: string) => app.modules.get(name) as CompiledModule;
const base = { app, directory: staffOrgDirectory, groupIds: [], isAdministrator: false };

function summary(grants: ReturnType<typeof compileModuleGrants>) {
  return grants.map((grant) => [grant.actions, grant.where.kind]);
}

describe('compileModuleGrants', () => {
  it('gives nothing on a module the profiles leave out', () => {
    expect(compileModuleGrants({ ...base, module: module('leads'), roleId: 'support' })).toEqual([]);
  });

  it('gives nothing to an unknown role, administrator or not', () => {
    const args = { ...base, module: module('notes'), roleId: 'noSuchRole', isAdministrator: true };
    expect(compileModuleGrants(args)).toEqual([]);
  });

  it('merges every action into one grant when all scopes are every record (publicFull)', () => {
    expect(summary(compileModuleGrants({ ...base, module: module('notes'), roleId: 'ceo' }))).toEqual([
      [['read', 'create', 'update', 'delete', 'export', 'import'], 'true'],
    ]);
  });

  it('splits read, update and delete scopes under publicReadWrite', () => {
    expect(summary(compileModuleGrants({ ...base, module: module('cases'), roleId: 'ceo' }))).toEqual([
      [['read', 'create', 'update', 'export', 'import'], 'true'],
      [['delete'], 'condition'],
    ]);
  });

  it('drops a scope that can match nothing rather than granting on it', () => {
    const ownerless = { ...module('leads'), ownerField: 'missing' };
    expect(summary(compileModuleGrants({ ...base, module: ownerless, roleId: 'rep1' }))).toEqual([
      [['create'], 'true'],
    ]);
  });
});
