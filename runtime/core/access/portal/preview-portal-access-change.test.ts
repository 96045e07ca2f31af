import { describe, expect, it } from 'vitest';
import { app, now, users } from './portal-fixture.test-helper.ts';
import type { PortalUser } from './portal-user.ts';
import { previewPortalAccessChange } from './preview-portal-access-change.ts';

function preview(args: { user: PortalUser; toPortalType: string; toGroup?: string }) {
  const change = previewPortalAccessChange({ app, now, ...args });
  if (!change) throw new Error('expected a preview');
  return change;
}

const modulesOf = (changes: readonly { module: string }[]) => changes.map((change) => change.module);

describe('previewPortalAccessChange', () => {
  it('lists cases as lost and deals as gained when alice moves from client to partner', () => {
    const change = preview({ user: users.alice, toPortalType: 'partner' });
    expect(modulesOf(change.lost)).toContain('cases');
    expect(modulesOf(change.gained)).toContain('deals');
    expect(modulesOf(change.gained)).not.toContain('cases');
  });

  it('names the actions and field levels of a lost module', () => {
    const cases = preview({ user: users.alice, toPortalType: 'partner' }).lost.find(
      (c) => c.module === 'cases',
    );
    expect(cases?.actions).toEqual(['read', 'create', 'update']);
    expect(cases?.fields).toContainEqual({ field: 'subject', from: 'readWrite', to: 'hidden' });
    expect(cases?.fields).toContainEqual({ field: 'status', from: 'readOnly', to: 'hidden' });
    expect(cases?.fields.map((f) => f.field)).not.toContain('internalNote');
  });

  it('names the actions and field levels of a gained module', () => {
    const deals = preview({ user: users.alice, toPortalType: 'partner' }).gained.find(
      (c) => c.module === 'deals',
    );
    expect(deals?.actions).toEqual(['read', 'update']);
    expect(deals?.fields).toContainEqual({ field: 'stage', from: 'hidden', to: 'readWrite' });
    expect(deals?.fields.map((f) => f.field)).not.toContain('margin');
  });

  it('reports field changes on a module kept across the move', () => {
    const change = preview({ user: users.alice, toPortalType: 'partner' });
    const lostAccounts = change.lost.find((c) => c.module === 'accounts');
    const gainedAccounts = change.gained.find((c) => c.module === 'accounts');
    expect(lostAccounts).toEqual({
      module: 'accounts',
      actions: [],
      fields: [
        { field: 'email', from: 'readOnly', to: 'hidden' },
        { field: 'shippingAddress', from: 'readOnly', to: 'hidden' },
      ],
    });
    expect(gainedAccounts).toEqual({
      module: 'accounts',
      actions: [],
      fields: [{ field: 'employees', from: 'hidden', to: 'readOnly' }],
    });
  });

  it('counts a readWrite field without a write action as readOnly', () => {
    const documents = preview({ user: users.alice, toPortalType: 'partner' }).lost.find(
      (c) => c.module === 'documents',
    );
    expect(documents?.actions).toEqual(['create']);
    expect(documents?.fields).toContainEqual({ field: 'title', from: 'readWrite', to: 'readOnly' });
  });

  it('names modules granted on both sides whose scope changes', () => {
    expect(preview({ user: users.alice, toPortalType: 'partner' }).changedScopes).toEqual([
      'accounts',
      'documents',
    ]);
  });

  it('reports nothing when nothing changes', () => {
    expect(preview({ user: users.carol, toPortalType: 'client' })).toEqual({
      gained: [],
      lost: [],
      changedScopes: [],
    });
  });

  it('keeps the group within the same portal type unless told', () => {
    const user = { ...users.carol, permissionGroup: 'clientSupportOnly' };
    expect(preview({ user, toPortalType: 'client' }).gained).toEqual([]);
    expect(modulesOf(preview({ user, toPortalType: 'client', toGroup: 'clientUsers' }).gained)).toEqual([
      'contacts',
      'quoteLines',
      'quotes',
    ]);
  });

  it('lists what a narrower group takes away', () => {
    const change = preview({ user: users.carol, toPortalType: 'client', toGroup: 'clientSupportOnly' });
    expect(change.gained).toEqual([]);
    expect(modulesOf(change.lost).sort()).toEqual(['contacts', 'quoteLines', 'quotes']);
  });

  it('keeps the overrides across the move', () => {
    const user = { ...users.alice, componentOverrides: { deals: ['read' as const] } };
    const deals = preview({ user, toPortalType: 'partner' }).gained.find((c) => c.module === 'deals');
    expect(deals?.actions).toEqual(['read']);
    expect(deals?.fields).toContainEqual({ field: 'stage', from: 'hidden', to: 'readOnly' });
  });

  it('compares access, not login: an inactive user outside support still gets a preview', () => {
    const user = { ...users.alice, active: false, supportEnd: '2020-01-01' };
    expect(modulesOf(preview({ user, toPortalType: 'partner' }).gained)).toContain('deals');
  });

  it('gains everything of the target when the current portal type is gone', () => {
    const change = preview({ user: { ...users.carol, portalType: 'vendor' }, toPortalType: 'lead' });
    expect(modulesOf(change.gained)).toEqual(['documents', 'leads']);
    expect(change.lost).toEqual([]);
  });

  it.each([
    { why: 'an unknown portal type', toPortalType: 'vendor' },
    { why: 'a group the target does not have', toPortalType: 'partner', toGroup: 'clientUsers' },
  ])('returns null for $why', (row) => {
    expect(previewPortalAccessChange({ app, now, user: users.alice, ...row })).toBeNull();
  });
});
