import { describe, expect, it } from 'vitest';
import { createLock } from './create-lock.ts';

describe('createLock', () => {
  it('runs functions one at a time in call order', async () => {
    const lock = createLock();
    const steps: string[] = [];
    const step = (name: string, delay: number) =>
      lock.run(async () => {
        steps.push(`${name}:start`);
        await new Promise((resolve) => setTimeout(resolve, delay));
        steps.push(`${name}:end`);
        return name;
      });
    expect(await Promise.all([step('a', 10), step('b', 1), step('c', 5)])).toEqual(['a', 'b', 'c']);
    expect(steps).toEqual(['a:start', 'a:end', 'b:start', 'b:end', 'c:start', 'c:end']);
  });

  it('keeps going after a function fails', async () => {
    const lock = createLock();
    await expect(lock.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await lock.run(async () => 'next')).toBe('next');
  });
});
