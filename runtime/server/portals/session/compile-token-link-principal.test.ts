import { describe, expect, it } from 'vitest';
import { loadStarterApp } from '../../../../test/helpers/load-starter-app.ts';
import { compileTokenLinkPrincipal } from './compile-token-link-principal.ts';

const app = await loadStarterApp();
const now = new Date('2026-03-15T12:00:00.000Z');

describe('compileTokenLinkPrincipal', () => {
  it('gives the client portal’s guest group, scoped to the account', () => {
    const principal = compileTokenLinkPrincipal({ app, portalTypeName: 'client', accountId: 'accA', now });
    expect(principal).toMatchObject({
      kind: 'portal',
      id: 'tokenlink:accA',
      portalType: 'client',
      group: 'clientGuests',
    });
    expect(principal?.attributes).toMatchObject({ accountId: 'accA', recordId: 'tokenlink:accA' });
    expect(Object.fromEntries(principal?.grants.map((g) => [g.module, g.actions]) ?? [])).toEqual({
      cases: ['read'],
      documents: ['read'],
    });
  });

  it.each([
    { why: 'a portal type with token links off', portalTypeName: 'partner' },
    { why: 'an unknown portal type', portalTypeName: 'nope' },
  ])('answers null for $why', ({ portalTypeName }) => {
    expect(compileTokenLinkPrincipal({ app, portalTypeName, accountId: 'accA', now })).toBeNull();
  });
});
