import { describe, expect, it } from 'vitest';
import { maskRecord } from './mask-record.ts';

describe('maskRecord', () => {
  it.each<{
    name: string;
    record: Record<string, unknown>;
    readable: string[];
    masked: Record<string, unknown>;
  }>([
    {
      name: 'keeps readable fields and drops hidden ones',
      record: { id: 'c1', lastName: 'Lee', secret: 's' },
      readable: ['id', 'lastName'],
      masked: { id: 'c1', lastName: 'Lee' },
    },
    {
      name: 'drops keys that are not fields of the module',
      record: { id: 'c1', deletedAt: null, passwordHash: 'x' },
      readable: ['id'],
      masked: { id: 'c1' },
    },
    {
      name: 'does not invent readable fields the record lacks',
      record: { id: 'c1' },
      readable: ['id', 'email'],
      masked: { id: 'c1' },
    },
    {
      name: 'keeps null values of readable fields',
      record: { id: 'c1', email: null },
      readable: ['id', 'email'],
      masked: { id: 'c1', email: null },
    },
    {
      name: 'returns an empty object when nothing is readable',
      record: { id: 'c1' },
      readable: [],
      masked: {},
    },
  ])('$name', ({ record, readable, masked }) => {
    expect(maskRecord({ record, readable: new Set(readable) })).toStrictEqual(masked);
  });

  it('never returns the input object, even when every field is readable', () => {
    const record = { id: 'c1', lastName: 'Lee' };
    const masked = maskRecord({ record, readable: new Set(['id', 'lastName']) });
    expect(masked).not.toBe(record);
    expect(masked).toEqual(record);
  });

  it('never copies a __proto__ key, even when it is called readable', () => {
    const record: Record<string, unknown> = JSON.parse('{"id":"c1","__proto__":{"isAdmin":true}}');
    const masked = maskRecord({ record, readable: new Set(['id', '__proto__']) });
    expect(Object.keys(masked)).toEqual(['id']);
    expect(Object.getPrototypeOf(masked)).toBe(Object.prototype);
    expect((masked as { isAdmin?: unknown }).isAdmin).toBeUndefined();
  });

  it('ignores inherited properties', () => {
    const record = Object.create({ secret: 's' }) as Record<string, unknown>;
    record.id = 'c1';
    expect(maskRecord({ record, readable: new Set(['id', 'secret']) })).toStrictEqual({ id: 'c1' });
  });
});

describe('maskRecord when every key is readable', () => {
  it('copies the record in its key order', () => {
    const record = { b: 1, a: 2 };
    const masked = maskRecord({ record, readable: new Set(['a', 'b']) });
    expect(Object.keys(masked)).toEqual(['b', 'a']);
    expect(masked).toStrictEqual({ b: 1, a: 2 });
  });

  it('leaves the record unchanged when the copy changes', () => {
    const record = { id: 'c1', tags: ['x'] };
    const masked = maskRecord({ record, readable: new Set(['id', 'tags']) });
    masked.id = 'c2';
    expect(record.id).toBe('c1');
  });
});
