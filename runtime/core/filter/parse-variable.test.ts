import { describe, expect, it } from 'vitest';
import { parseVariable } from './parse-variable.ts';

describe('parseVariable', () => {
  it('reads the clock variables', () => {
    expect(parseVariable('$now')).toEqual({ kind: 'now' });
    expect(parseVariable('$today')).toEqual({ kind: 'today' });
  });

  it('reads principal attributes', () => {
    expect(parseVariable('$principal.accountId')).toEqual({ kind: 'principal', attribute: 'accountId' });
  });

  it.each([
    '$principal',
    '$principal.',
    '$principal.a.b',
    '$principal.__proto__',
    '$principal.constructor',
    '$user',
    '$NOW',
  ])('refuses %s', (name) => {
    expect(parseVariable(name)).toBeUndefined();
  });
});
