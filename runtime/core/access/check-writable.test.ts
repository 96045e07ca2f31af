import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { checkWritable } from './check-writable.ts';

const writable = new Set(['lastName', 'email', 'tags']);
const preset = { account: 'a1' };

function refusal(input: Record<string, unknown>): AppError {
  try {
    checkWritable({ input, writable, preset });
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the input to be refused');
}

describe('checkWritable', () => {
  it.each<{ name: string; input: Record<string, unknown>; result: Record<string, unknown> }>([
    {
      name: 'accepts writable fields and adds the presets',
      input: { lastName: 'Lee' },
      result: { lastName: 'Lee', account: 'a1' },
    },
    { name: 'accepts an empty input', input: {}, result: { account: 'a1' } },
    {
      name: 'accepts a preset field sent with the preset value',
      input: { account: 'a1', email: 'e@x.io' },
      result: { account: 'a1', email: 'e@x.io' },
    },
    {
      name: 'accepts null for a writable field',
      input: { email: null },
      result: { email: null, account: 'a1' },
    },
  ])('$name', ({ input, result }) => {
    expect(checkWritable({ input, writable, preset })).toStrictEqual(result);
  });

  it.each<{ name: string; input: Record<string, unknown>; fields: string[] }>([
    { name: 'a hidden or read-only field', input: { lastName: 'Lee', secret: 'x' }, fields: ['secret'] },
    {
      name: 'a system field',
      input: { owner: 'u9', id: 'c2', version: 7 },
      fields: ['owner', 'id', 'version'],
    },
    { name: 'a key that is no field at all', input: { passwordHash: 'x' }, fields: ['passwordHash'] },
    { name: 'a preset field with another value', input: { account: 'b1' }, fields: ['account'] },
    { name: 'a preset field set to null', input: { account: null }, fields: ['account'] },
    {
      name: 'a __proto__ key',
      input: JSON.parse('{"__proto__":{"polluted":true},"lastName":"Lee"}'),
      fields: ['__proto__'],
    },
    {
      name: 'a constructor key',
      input: { constructor: { prototype: { polluted: true } } },
      fields: ['constructor'],
    },
    { name: 'a prototype key', input: { prototype: 'x' }, fields: ['prototype'] },
  ])('refuses $name with FIELD_NOT_WRITABLE naming it', ({ input, fields }) => {
    const error = refusal(input);
    expect(error).toMatchObject({ code: 'FIELD_NOT_WRITABLE', status: 400 });
    expect(error.details).toEqual({ field: fields[0], fields, count: fields.length });
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('names at most ten refused fields but counts them all', () => {
    const input = Object.fromEntries(Array.from({ length: 25 }, (_, index) => [`f${index}`, 1]));
    const error = refusal(input);
    expect(error.details?.fields).toHaveLength(10);
    expect(error.details?.count).toBe(25);
    expect(error.message).toMatch(/and 15 more/);
  });

  it('does not say whether a refused field is hidden or read-only', () => {
    expect(refusal({ secret: 'x' }).message).toBe("Field 'secret' cannot be written.");
  });

  it('returns a new object, never the input', () => {
    const input = { lastName: 'Lee' };
    const result = checkWritable({ input, writable, preset: {} });
    expect(result).not.toBe(input);
    expect(result).toStrictEqual(input);
  });

  it('accepts an array preset sent with the same elements', () => {
    const arrays = { tags: ['vip', 'beta'] };
    expect(checkWritable({ input: { tags: ['vip', 'beta'] }, writable, preset: arrays })).toStrictEqual(
      arrays,
    );
    expect(() => checkWritable({ input: { tags: ['beta', 'vip'] }, writable, preset: arrays })).toThrow(
      AppError,
    );
  });
});
