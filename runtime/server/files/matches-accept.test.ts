import { describe, expect, it } from 'vitest';
import { matchesAccept } from './matches-accept.ts';

describe('matchesAccept', () => {
  it('matches exact types and wildcards, case-insensitively', () => {
    expect(matchesAccept({ type: 'application/pdf', accept: ['application/pdf'] })).toBe(true);
    expect(matchesAccept({ type: 'image/png', accept: ['image/*'] })).toBe(true);
    expect(matchesAccept({ type: 'image/png', accept: ['IMAGE/PNG'] })).toBe(true);
    expect(matchesAccept({ type: 'text/csv', accept: ['*/*'] })).toBe(true);
  });

  it('refuses other types and look-alike families', () => {
    expect(matchesAccept({ type: 'image/png', accept: ['application/pdf'] })).toBe(false);
    expect(matchesAccept({ type: 'imagex/png', accept: ['image/*'] })).toBe(false);
    expect(matchesAccept({ type: 'application/pdf', accept: ['application/pdf+x'] })).toBe(false);
  });

  it('accepts anything when the field lists nothing', () => {
    expect(matchesAccept({ type: 'application/octet-stream', accept: undefined })).toBe(true);
    expect(matchesAccept({ type: 'application/octet-stream', accept: [] })).toBe(true);
  });
});
