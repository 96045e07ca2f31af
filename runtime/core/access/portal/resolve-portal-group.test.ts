import { describe, expect, it } from 'vitest';
import type { CompiledPortalType } from '../../metadata/compile-app.ts';
import { app } from './portal-fixture.test-helper.ts';
import type { PortalUser } from './portal-user.ts';
import { resolvePortalGroup } from './resolve-portal-group.ts';

function portalType(name: string): CompiledPortalType {
  const found = app.portalTypes.get(name);
  if (!found) throw new Error(`no portal type ${name}`);
  return found;
}

type Row = {
  why: string;
  portalType: string;
  user: Pick<PortalUser, 'permissionGroup' | 'isTokenLink'>;
  group: string | undefined;
};

// biome-ignore format: one row per line reads as a table
const rows: Row[] = [
  { why: 'no permission group', portalType: 'client', user: {}, group: 'clientUsers' },
  { why: 'a permission group of the portal type', portalType: 'client', user: { permissionGroup: 'clientSupportOnly' }, group: 'clientSupportOnly' },
  { why: "another portal type's group", portalType: 'client', user: { permissionGroup: 'partnerUsers' }, group: 'clientUsers' },
  { why: 'a prototype name', portalType: 'client', user: { permissionGroup: 'constructor' }, group: 'clientUsers' },
  { why: 'a token link', portalType: 'client', user: { isTokenLink: true }, group: 'clientGuests' },
  { why: 'a token link naming a group', portalType: 'client', user: { isTokenLink: true, permissionGroup: 'clientUsers' }, group: 'clientGuests' },
  { why: 'a token link where token links are off', portalType: 'partner', user: { isTokenLink: true }, group: undefined },
  { why: 'a token link on the lead portal', portalType: 'lead', user: { isTokenLink: true }, group: undefined },
];

describe('resolvePortalGroup', () => {
  it.each(rows)('$portalType, $why: $group', (row) => {
    expect(resolvePortalGroup({ portalType: portalType(row.portalType), user: row.user })?.name).toBe(
      row.group,
    );
  });

  it('has no group for a token link when the portal type has no non-portal-users group', () => {
    const client = portalType('client');
    const withoutGuests = { ...client, groups: client.groups.filter((group) => !group.isNonPortalUsers) };
    expect(resolvePortalGroup({ portalType: withoutGuests, user: { isTokenLink: true } })).toBeUndefined();
  });

  it('has no group when the portal type has no default', () => {
    const client = portalType('client');
    const withoutDefault = { ...client, groups: client.groups.filter((group) => !group.isDefault) };
    expect(resolvePortalGroup({ portalType: withoutDefault, user: {} })).toBeUndefined();
  });
});
