import { describe, expect, it, vi } from 'vitest';
import { asSystem, isSystemPrincipal } from './as-system.ts';
import type { Principal } from './types.ts';

describe('asSystem', () => {
  it('makes a system principal that carries its reason', () => {
    const principal = asSystem({ reason: 'nightly reminder job', log: () => {} });
    expect(principal).toMatchObject({ kind: 'system', reason: 'nightly reminder job', grants: [] });
    expect(isSystemPrincipal(principal)).toBe(true);
  });

  it('logs the reason and the time every time it makes a principal', () => {
    const log = vi.fn();
    asSystem({ reason: 'first', log });
    asSystem({ reason: 'second', log });
    expect(log.mock.calls.map(([entry]) => entry.reason)).toEqual(['first', 'second']);
    expect(log.mock.calls.every(([entry]) => entry.at instanceof Date)).toBe(true);
  });

  it.each<{ name: string; reason: unknown }>([
    { name: 'an empty reason', reason: '' },
    { name: 'a blank reason', reason: '  \n' },
    { name: 'a reason that is not a string', reason: { toString: () => 'job' } },
    { name: 'no reason', reason: undefined },
  ])('refuses $name, and logs nothing', ({ reason }) => {
    const log = vi.fn();
    expect(() => asSystem({ reason: reason as string, log })).toThrow(TypeError);
    expect(log).not.toHaveBeenCalled();
  });

  it('makes no principal when logging fails', () => {
    const log = () => {
      throw new Error('audit log down');
    };
    expect(() => asSystem({ reason: 'job', log })).toThrow('audit log down');
  });

  it('returns a frozen principal that cannot be turned into another', () => {
    const principal = asSystem({ reason: 'job', log: () => {} });
    expect(Object.isFrozen(principal)).toBe(true);
    expect(Object.isFrozen(principal.attributes)).toBe(true);
    expect(() => {
      (principal as { id: string }).id = 'u1';
    }).toThrow(TypeError);
  });

  it.each<{ name: string; principal: () => Principal }>([
    {
      name: 'an object literal',
      principal: () => ({ kind: 'system', id: 'system', attributes: {}, grants: [], reason: 'forged' }),
    },
    { name: 'a copy of a genuine one', principal: () => ({ ...asSystem({ reason: 'job', log: () => {} }) }) },
    {
      name: 'an object whose prototype is a genuine one',
      principal: () => Object.create(asSystem({ reason: 'job', log: () => {} })) as Principal,
    },
  ])('does not recognise $name as a system principal', ({ principal }) => {
    expect(isSystemPrincipal(principal())).toBe(false);
  });
});
