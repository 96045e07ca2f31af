import { describe, expect, it } from 'vitest';
import type { PortalAction, RecordAction } from '../../metadata/types.ts';
import { decideAccess } from '../decide-access.ts';
import { compilePortalPrincipal } from './compile-portal-principal.ts';
import {
  app,
  isAllowedOn,
  now,
  principalOf,
  recordOf,
  type UserName,
  users,
} from './portal-fixture.test-helper.ts';
import type { PortalUser } from './portal-user.ts';

type ScopeRow = {
  why: string;
  user: UserName;
  patch?: Partial<PortalUser>;
  module: string;
  id: string;
  action: RecordAction;
  isAllowed: boolean;
};

/** Which fixture records each portal user reaches, through the compiled principal. */
// biome-ignore format: one row per line reads as a table
const scopeMatrix: ScopeRow[] = [
  { why: 'own case', user: 'alice', module: 'cases', id: 'caseAlice', action: 'read', isAllowed: true },
  { why: "a primary contact sees a colleague's case", user: 'alice', module: 'cases', id: 'caseCarol', action: 'read', isAllowed: true },
  { why: "a primary contact updates a colleague's case", user: 'alice', module: 'cases', id: 'caseCarol', action: 'update', isAllowed: true },
  { why: "another account's case", user: 'alice', module: 'cases', id: 'caseBob', action: 'read', isAllowed: false },
  { why: "another account's case, update", user: 'alice', module: 'cases', id: 'caseBob', action: 'update', isAllowed: false },
  { why: 'own case', user: 'carol', module: 'cases', id: 'caseCarol', action: 'read', isAllowed: true },
  { why: "an own-only contact does not see a colleague's case", user: 'carol', module: 'cases', id: 'caseAlice', action: 'read', isAllowed: false },
  { why: "another account's case", user: 'carol', module: 'cases', id: 'caseBob', action: 'read', isAllowed: false },
  { why: 'the client portal exposes no delete', user: 'carol', module: 'cases', id: 'caseCarol', action: 'delete', isAllowed: false },
  { why: 'portal users never export', user: 'carol', module: 'cases', id: 'caseCarol', action: 'export', isAllowed: false },
  { why: 'the whole account needs a selected account', user: 'alice', patch: { accountId: undefined }, module: 'cases', id: 'caseCarol', action: 'read', isAllowed: false },
  { why: 'without a selected account own records remain', user: 'alice', patch: { accountId: undefined }, module: 'cases', id: 'caseAlice', action: 'read', isAllowed: true },
  { why: "a selection outside the person's accounts is ignored", user: 'alice', patch: { accountIds: ['accountC'] }, module: 'cases', id: 'caseCarol', action: 'read', isAllowed: false },
  { why: 'a selection among the linked accounts counts', user: 'alice', patch: { accountIds: ['accountC', 'accountA'] }, module: 'cases', id: 'caseCarol', action: 'read', isAllowed: true },
  { why: 'switching account switches the account scope', user: 'alice', patch: { accountIds: ['accountA', 'accountB'], accountId: 'accountB' }, module: 'cases', id: 'caseBob', action: 'read', isAllowed: true },
  { why: 'client portal does not expose deals', user: 'alice', module: 'deals', id: 'dealPaula', action: 'read', isAllowed: false },
  { why: 'a deal where the partner is its record', user: 'paula', module: 'deals', id: 'dealPaula', action: 'read', isAllowed: true },
  { why: 'a deal where the partner is its record', user: 'paula', module: 'deals', id: 'dealPaula', action: 'update', isAllowed: true },
  { why: "a fellow partner's deal", user: 'paula', module: 'deals', id: 'dealPaulaColleague', action: 'read', isAllowed: false },
  { why: "a fellow partner's deal, seeing the whole account", user: 'paula', patch: { seesWholeAccount: true }, module: 'deals', id: 'dealPaulaColleague', action: 'read', isAllowed: true },
  { why: 'a deal without a partner', user: 'paula', module: 'deals', id: 'dealDirect', action: 'read', isAllowed: false },
  { why: 'a deal without a partner, seeing the whole account', user: 'paula', patch: { seesWholeAccount: true }, module: 'deals', id: 'dealDirect', action: 'read', isAllowed: false },
  { why: 'partner portal exposes no cases', user: 'paula', module: 'cases', id: 'caseAlice', action: 'read', isAllowed: false },
  { why: 'own lead', user: 'lena', module: 'leads', id: 'leadLena', action: 'read', isAllowed: true },
  { why: 'own lead', user: 'lena', module: 'leads', id: 'leadLena', action: 'update', isAllowed: true },
  { why: 'another lead', user: 'lena', module: 'leads', id: 'leadOther', action: 'read', isAllowed: false },
  { why: 'the lead portal has no account scope to widen', user: 'lena', patch: { seesWholeAccount: true, accountId: 'accountA' }, module: 'leads', id: 'leadOther', action: 'read', isAllowed: false },
  { why: 'the support-only group keeps cases', user: 'carol', patch: { permissionGroup: 'clientSupportOnly' }, module: 'cases', id: 'caseCarol', action: 'update', isAllowed: true },
  { why: 'the support-only group has no contacts', user: 'carol', patch: { permissionGroup: 'clientSupportOnly' }, module: 'contacts', id: 'contactCarol', action: 'read', isAllowed: false },
  { why: 'an override removes update', user: 'carol', patch: { componentOverrides: { cases: ['read'] } }, module: 'cases', id: 'caseCarol', action: 'update', isAllowed: false },
  { why: 'an override adding delete does not grant it', user: 'carol', patch: { componentOverrides: { cases: ['read', 'update', 'delete'] } }, module: 'cases', id: 'caseCarol', action: 'delete', isAllowed: false },
  { why: 'an override without read removes the module', user: 'carol', patch: { componentOverrides: { cases: ['update'] } }, module: 'cases', id: 'caseCarol', action: 'update', isAllowed: false },
  { why: 'an empty override removes the module', user: 'carol', patch: { componentOverrides: { cases: [] } }, module: 'cases', id: 'caseCarol', action: 'read', isAllowed: false },
  { why: 'an override for another module leaves this one', user: 'carol', patch: { componentOverrides: { quotes: [] } }, module: 'cases', id: 'caseCarol', action: 'update', isAllowed: true },
  { why: 'an override cannot add a module the group lacks', user: 'carol', patch: { permissionGroup: 'clientSupportOnly', componentOverrides: { contacts: ['read'] } }, module: 'contacts', id: 'contactCarol', action: 'read', isAllowed: false },
  { why: 'a token link reads within the guest group', user: 'carol', patch: { isTokenLink: true }, module: 'cases', id: 'caseCarol', action: 'read', isAllowed: true },
  { why: 'a token link does not update', user: 'carol', patch: { isTokenLink: true }, module: 'cases', id: 'caseCarol', action: 'update', isAllowed: false },
  { why: 'a token link does not create', user: 'carol', patch: { isTokenLink: true }, module: 'cases', id: 'caseCarol', action: 'create', isAllowed: false },
  { why: 'a token link ignores the permission group', user: 'carol', patch: { isTokenLink: true, permissionGroup: 'clientUsers' }, module: 'contacts', id: 'contactCarol', action: 'read', isAllowed: false },
];

describe('compilePortalPrincipal: record scope', () => {
  it.each(scopeMatrix)('$user $action $module/$id: $isAllowed ($why)', (row) => {
    const principal = principalOf({ user: users[row.user], ...(row.patch ? { patch: row.patch } : {}) });
    expect(isAllowedOn({ principal, module: row.module, id: row.id, action: row.action })).toBe(
      row.isAllowed,
    );
  });
});

type FieldRow = {
  user: UserName;
  module: string;
  id: string;
  field: string;
  isReadable: boolean;
  isWritable: boolean;
};

/** Field levels on an update of a record the user sees: the portal allow-list decides. */
// biome-ignore format: one row per line reads as a table
const fieldMatrix: FieldRow[] = [
  { user: 'alice', module: 'cases', id: 'caseAlice', field: 'internalNote', isReadable: false, isWritable: false },
  { user: 'carol', module: 'cases', id: 'caseCarol', field: 'internalNote', isReadable: false, isWritable: false },
  { user: 'alice', module: 'cases', id: 'caseCarol', field: 'internalNote', isReadable: false, isWritable: false },
  { user: 'carol', module: 'cases', id: 'caseCarol', field: 'status', isReadable: true, isWritable: false },
  { user: 'carol', module: 'cases', id: 'caseCarol', field: 'subject', isReadable: true, isWritable: true },
  { user: 'carol', module: 'cases', id: 'caseCarol', field: 'account', isReadable: true, isWritable: false },
  { user: 'carol', module: 'cases', id: 'caseCarol', field: 'isEscalated', isReadable: false, isWritable: false },
  { user: 'carol', module: 'cases', id: 'caseCarol', field: 'owner', isReadable: false, isWritable: false },
  { user: 'carol', module: 'cases', id: 'caseCarol', field: 'id', isReadable: true, isWritable: false },
  { user: 'paula', module: 'deals', id: 'dealPaula', field: 'margin', isReadable: false, isWritable: false },
  { user: 'paula', module: 'deals', id: 'dealPaula', field: 'stage', isReadable: true, isWritable: true },
  { user: 'paula', module: 'deals', id: 'dealPaula', field: 'probability', isReadable: true, isWritable: false },
  { user: 'lena', module: 'leads', id: 'leadLena', field: 'status', isReadable: false, isWritable: false },
  { user: 'lena', module: 'leads', id: 'leadLena', field: 'email', isReadable: true, isWritable: false },
  { user: 'lena', module: 'leads', id: 'leadLena', field: 'phone', isReadable: true, isWritable: true },
];

describe('compilePortalPrincipal: field allow-list', () => {
  it.each(fieldMatrix)('$user on $module.$field: readable $isReadable, writable $isWritable', (row) => {
    const principal = principalOf({ user: users[row.user] });
    const decision = decideAccess({ app, principal, module: row.module, action: 'update', now });
    if (!decision.allowed) throw new Error('expected update to be allowed');
    const record = recordOf(row);
    expect(decision.readableFields(record).has(row.field)).toBe(row.isReadable);
    expect(decision.writableFields(record).has(row.field)).toBe(row.isWritable);
  });
});

type NullRow = { why: string; user: UserName; patch: Partial<PortalUser>; at?: string };

/** Users who get no principal at all, so no session. */
// biome-ignore format: one row per line reads as a table
const nullMatrix: NullRow[] = [
  { why: 'inactive', user: 'carol', patch: { active: false } },
  { why: 'an unknown portal type', user: 'carol', patch: { portalType: 'vendor' } },
  { why: 'a portal type name from the prototype', user: 'carol', patch: { portalType: 'constructor' } },
  { why: 'before the support start', user: 'alice', patch: {}, at: '2025-12-31T23:59:59.999Z' },
  { why: 'after the support end', user: 'alice', patch: {}, at: '2027-01-01T00:00:00.000Z' },
  { why: 'a malformed support end', user: 'alice', patch: { supportEnd: '31/12/2026' } },
  { why: 'an impossible support start', user: 'alice', patch: { supportStart: '2026-02-30' } },
  { why: 'a token link where the portal type has token links off', user: 'paula', patch: { isTokenLink: true } },
  { why: 'a token link on the lead portal', user: 'lena', patch: { isTokenLink: true } },
  { why: 'no identity record', user: 'carol', patch: { recordId: '' } },
  { why: 'no id', user: 'carol', patch: { id: '' } },
];

describe('compilePortalPrincipal: no principal', () => {
  it.each(nullMatrix)('returns null for $why', (row) => {
    const at = row.at ? new Date(row.at) : now;
    expect(compilePortalPrincipal({ app, user: { ...users[row.user], ...row.patch }, now: at })).toBeNull();
  });

  it.each([
    { why: 'the first support day', at: '2026-01-01T00:00:00.000Z' },
    { why: 'the last support day', at: '2026-12-31T23:59:59.999Z' },
  ])('returns a principal on $why', ({ at }) => {
    expect(compilePortalPrincipal({ app, user: users.alice, now: new Date(at) })).not.toBeNull();
  });
});

type GroupRow = { why: string; user: UserName; patch?: Partial<PortalUser>; group: string };

// biome-ignore format: one row per line reads as a table
const groupMatrix: GroupRow[] = [
  { why: 'no permission group: the default', user: 'carol', group: 'clientUsers' },
  { why: 'a known permission group', user: 'carol', patch: { permissionGroup: 'clientSupportOnly' }, group: 'clientSupportOnly' },
  { why: 'an unknown permission group: the default', user: 'carol', patch: { permissionGroup: 'partnerUsers' }, group: 'clientUsers' },
  { why: 'a token link: the non-portal-users group', user: 'carol', patch: { isTokenLink: true, permissionGroup: 'clientUsers' }, group: 'clientGuests' },
  { why: 'the partner default', user: 'paula', group: 'partnerUsers' },
];

describe('compilePortalPrincipal: permission group', () => {
  it.each(groupMatrix)('$why', (row) => {
    const principal = principalOf({ user: users[row.user], ...(row.patch ? { patch: row.patch } : {}) });
    expect(principal.group).toBe(row.group);
    expect(principal.portalType).toBe(users[row.user].portalType);
  });
});

type ActionsRow = {
  why: string;
  user: UserName;
  patch?: Partial<PortalUser>;
  grants: Record<string, PortalAction[]>;
};

/** The modules and actions granted: portal type ∩ group ∩ overrides, read first. */
// biome-ignore format: one row per line reads as a table
const actionsMatrix: ActionsRow[] = [
  { why: 'the default client group', user: 'carol', grants: { cases: ['read', 'create', 'update'], quotes: ['read'], quoteLines: ['read'], documents: ['read', 'create'], accounts: ['read'], contacts: ['read'] } },
  { why: 'the support-only group narrows', user: 'carol', patch: { permissionGroup: 'clientSupportOnly' }, grants: { cases: ['read', 'create', 'update'], documents: ['read', 'create'], accounts: ['read'] } },
  { why: 'overrides narrow actions and drop modules', user: 'carol', patch: { componentOverrides: { cases: ['read', 'delete'], quotes: [], documents: ['create'] } }, grants: { cases: ['read'], quoteLines: ['read'], accounts: ['read'], contacts: ['read'] } },
  { why: 'the token-link group', user: 'alice', patch: { isTokenLink: true }, grants: { cases: ['read'], documents: ['read'] } },
  { why: 'the partner default group', user: 'paula', grants: { deals: ['read', 'update'], accounts: ['read'], documents: ['read'] } },
  { why: 'the lead default group', user: 'lena', grants: { leads: ['read', 'update'], documents: ['read', 'create'] } },
];

describe('compilePortalPrincipal: granted actions', () => {
  it.each(actionsMatrix)('$why', (row) => {
    const principal = principalOf({ user: users[row.user], ...(row.patch ? { patch: row.patch } : {}) });
    const granted = Object.fromEntries(principal.grants.map((grant) => [grant.module, grant.actions]));
    expect(granted).toEqual(row.grants);
  });
});

describe('compilePortalPrincipal: the principal', () => {
  it('carries the portal attributes', () => {
    const principal = principalOf({
      user: users.alice,
      patch: { accountIds: ['accountB', 'accountA', 'accountB'] },
    });
    expect(principal).toMatchObject({
      kind: 'portal',
      id: 'pAlice',
      portalType: 'client',
      group: 'clientUsers',
    });
    expect(principal.attributes).toEqual({
      id: 'pAlice',
      recordId: 'contactAlice',
      accountId: 'accountA',
      accountIds: ['accountA', 'accountB'],
    });
  });

  it('lists the selected account as the only one when none are listed', () => {
    expect(principalOf({ user: users.carol }).attributes.accountIds).toEqual(['accountA']);
  });

  it('grants allow-listed fields and presets from the portal type', () => {
    const cases = principalOf({ user: users.carol }).grants.find((grant) => grant.module === 'cases');
    expect(cases).toMatchObject({
      fieldMode: 'allowList',
      presets: { account: '$principal.accountId', contact: '$principal.recordId' },
    });
    expect(cases?.fields.status).toBe('readOnly');
    expect(Object.hasOwn(cases?.fields ?? {}, 'internalNote')).toBe(false);
  });

  it('forces the portal presets on create', () => {
    const decision = decideAccess({
      app,
      principal: principalOf({ user: users.carol }),
      module: 'cases',
      action: 'create',
      now,
    });
    expect(decision.allowed && decision.preset).toEqual({ account: 'accountA', contact: 'contactCarol' });
  });

  it('is frozen', () => {
    const principal = principalOf({ user: users.carol });
    expect(Object.isFrozen(principal)).toBe(true);
    expect(Object.isFrozen(principal.grants[0]?.fields)).toBe(true);
  });

  it('does not change the compiled app when overrides try to widen', () => {
    principalOf({ user: users.carol, patch: { componentOverrides: { cases: ['delete'] } } });
    expect(app.portalTypes.get('client')?.modules.get('cases')?.actions).toEqual([
      'read',
      'create',
      'update',
    ]);
  });
});
