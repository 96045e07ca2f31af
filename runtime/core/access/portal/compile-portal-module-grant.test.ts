import { describe, expect, it } from 'vitest';
import { bindVariables } from '../../filter/bind-variables.ts';
import type { CompiledPortalModule } from '../../metadata/compile-app.ts';
import type { PortalAction, PortalGroup } from '../../metadata/types.ts';
import { compilePortalModuleGrant } from './compile-portal-module-grant.ts';
import { app, now } from './portal-fixture.test-helper.ts';
import type { PortalUser } from './portal-user.ts';

const client = app.portalTypes.get('client');
const cases = client?.modules.get('cases');
if (!client || !cases) throw new Error('the starter app should have a client portal with cases');

function group(modules: Record<string, PortalAction[]>): PortalGroup {
  return { name: 'g', label: 'G', modules };
}

type Row = {
  why: string;
  exposed?: Partial<CompiledPortalModule>;
  group: Record<string, PortalAction[]>;
  overrides?: PortalUser['componentOverrides'];
  actions: PortalAction[] | undefined;
};

// biome-ignore format: one row per line reads as a table
const rows: Row[] = [
  { why: 'the group allows what the portal type does', group: { cases: ['read', 'create', 'update'] }, actions: ['read', 'create', 'update'] },
  { why: 'the group narrows', group: { cases: ['read'] }, actions: ['read'] },
  { why: 'a group action the portal type lacks', group: { cases: ['read', 'delete'] }, actions: ['read'] },
  { why: 'the group leaves the module out', group: { quotes: ['read'] }, actions: undefined },
  { why: 'the group lists no actions', group: { cases: [] }, actions: undefined },
  { why: 'write without read', group: { cases: ['create', 'update'] }, actions: undefined },
  { why: 'the portal type offers delete without read', exposed: { actions: ['delete'] }, group: { cases: ['read', 'delete'] }, actions: undefined },
  { why: 'overrides narrow', group: { cases: ['read', 'create', 'update'] }, overrides: { cases: ['read', 'update'] }, actions: ['read', 'update'] },
  { why: 'overrides cannot add', group: { cases: ['read'] }, overrides: { cases: ['read', 'update', 'delete'] }, actions: ['read'] },
  { why: 'overrides drop read', group: { cases: ['read', 'update'] }, overrides: { cases: ['update'] }, actions: undefined },
  { why: 'overrides of other modules', group: { cases: ['read'] }, overrides: { quotes: [] }, actions: ['read'] },
  { why: 'a malformed override removes the module', group: { cases: ['read'] }, overrides: { cases: 'read' as unknown as PortalAction[] }, actions: undefined },
];

describe('compilePortalModuleGrant: actions', () => {
  it.each(rows)('$why', (row) => {
    const exposed = { ...cases, ...row.exposed };
    const user = row.overrides ? { componentOverrides: row.overrides } : {};
    expect(compilePortalModuleGrant({ exposed, group: group(row.group), user })?.actions).toEqual(
      row.actions,
    );
  });
});

describe('compilePortalModuleGrant: scope', () => {
  const principal = { id: 'p1', recordId: 'c1', accountId: 'a1' };
  const bound = (user: Pick<PortalUser, 'seesWholeAccount'>, exposed: CompiledPortalModule = cases) => {
    const grant = compilePortalModuleGrant({ exposed, group: group({ cases: ['read'] }), user });
    if (!grant) throw new Error('expected a grant');
    return bindVariables({ node: grant.where, principal, now });
  };

  it('uses the scope for an own-only user', () => {
    expect(bound({})).toEqual(bindVariables({ node: cases.scopeNode, principal, now }));
  });

  it('adds the account scope for a user who sees the whole account', () => {
    expect(bound({ seesWholeAccount: true })).toMatchObject({ kind: 'or', children: [{}, {}] });
  });

  it('keeps the scope when the module has no account scope', () => {
    const ownOnly = { ...cases, accountScopeNode: undefined };
    expect(bound({ seesWholeAccount: true }, ownOnly)).toEqual(bound({}));
  });
});
