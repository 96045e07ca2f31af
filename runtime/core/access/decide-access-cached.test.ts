import { describe, expect, it } from 'vitest';
import { allowed, app, grant, now, staff } from './access-test-fixture.ts';
import { decideAccess } from './decide-access.ts';
import { decideAccessCached } from './decide-access-cached.ts';

const read = { app, module: 'contacts', action: 'read' as const };

describe('decideAccessCached', () => {
  it('decides like decideAccess, and reuses the decision for the same principal object', () => {
    const principal = staff([grant({ where: { owner: { eq: '$principal.id' } } })]);
    const first = decideAccessCached({ ...read, principal, now });
    expect(allowed(first).where).toEqual(allowed(decideAccess({ ...read, principal, now })).where);
    const later = new Date(now.getTime() + 60_000);
    expect(decideAccessCached({ ...read, principal, now: later })).toBe(first);
  });

  it('decides again for another principal object, module or action', () => {
    const principal = staff([grant()]);
    const first = decideAccessCached({ ...read, principal, now });
    expect(decideAccessCached({ ...read, principal: staff([grant()]), now })).not.toBe(first);
    expect(decideAccessCached({ ...read, principal, action: 'update', now })).not.toBe(first);
    expect(decideAccessCached({ ...read, principal, module: 'accounts', now })).toEqual({ allowed: false });
  });

  it('keeps a decision that binds the clock for the same second only', () => {
    const principal = staff([grant({ where: { createdAt: { lte: '$now' } } })]);
    const first = decideAccessCached({ ...read, principal, now });
    expect(decideAccessCached({ ...read, principal, now: new Date(now.getTime() + 900) })).toBe(first);
    const next = decideAccessCached({ ...read, principal, now: new Date(now.getTime() + 1_000) });
    expect(next).not.toBe(first);
    expect(JSON.stringify(allowed(next).where)).toContain('12:00:01');
  });
});
