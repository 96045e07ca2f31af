import { describe, expect, it } from 'vitest';
import type { CompiledModule } from '../../metadata/compile-module.ts';
import { ownerCondition } from './owner-condition.ts';
import { loadStaffApp } from './staff-fixture-org.test-helper.ts';

const app = loadStaffApp();
const deals = app.modules.get('deals') as CompiledModule;

describe('ownerCondition', () => {
  it('reads a literal owner list with `in` on the owner field', () => {
    expect(ownerCondition({ module: deals, owners: ['u1', 'group:sales'] })).toMatchObject({
      kind: 'condition',
      op: 'in',
      field: { path: 'owner', module: 'deals', field: { name: 'owner', type: 'user' } },
      value: ['u1', 'group:sales'],
    });
  });

  it('keeps a list variable for binding', () => {
    const owners = { variable: '$principal.visibleOwnerIds' };
    expect(ownerCondition({ module: deals, owners })).toMatchObject({ op: 'in', value: owners });
  });

  it('is FALSE for an empty owner list', () => {
    expect(ownerCondition({ module: deals, owners: [] })).toEqual({ kind: 'false' });
  });

  it('is FALSE when the module has no such owner field', () => {
    expect(ownerCondition({ module: { ...deals, ownerField: 'missing' }, owners: ['u1'] })).toEqual({
      kind: 'false',
    });
  });
});
