import { describe, expect, it } from 'vitest';
import type { Principal, PrincipalKind } from '../access/types.ts';
import { isPrincipalAudience } from './is-principal-audience.ts';
import { starterPrincipals } from './starter-principals.test-helper.ts';

const { app } = await starterPrincipals();

function principal(kind: PrincipalKind, portalType?: string): Principal {
  return { kind, id: 'p1', attributes: { id: 'p1' }, grants: [], ...(portalType ? { portalType } : {}) };
}

describe('isPrincipalAudience', () => {
  // biome-ignore format: one row per line reads as a table
  it.each<{ why: string; kind: PrincipalKind; portalType?: string; audience: string; isOwn: boolean }>([
    { why: 'staff in the staff CRM', kind: 'staff', audience: 'staff', isOwn: true },
    { why: 'staff in a portal', kind: 'staff', audience: 'client', isOwn: false },
    { why: 'a client user in its portal', kind: 'portal', portalType: 'client', audience: 'client', isOwn: true },
    { why: 'a client user in another portal', kind: 'portal', portalType: 'client', audience: 'partner', isOwn: false },
    { why: 'a client user in the staff CRM', kind: 'portal', portalType: 'client', audience: 'staff', isOwn: false },
    { why: 'a portal type named staff never reaches staff layouts', kind: 'portal', portalType: 'staff', audience: 'staff', isOwn: false },
    { why: 'a portal type the app does not have', kind: 'portal', portalType: 'vendor', audience: 'vendor', isOwn: false },
    { why: 'a portal principal without a portal type', kind: 'portal', audience: 'client', isOwn: false },
    { why: 'a plugin principal', kind: 'plugin', audience: 'staff', isOwn: false },
    { why: 'a system principal', kind: 'system', audience: 'staff', isOwn: false },
  ])('$why: $isOwn', ({ kind, portalType, audience, isOwn }) => {
    expect(isPrincipalAudience({ app, principal: principal(kind, portalType), audience })).toBe(isOwn);
  });
});
