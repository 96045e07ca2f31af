import { describe, expect, it } from 'vitest';
import { decodeCursor } from './decode-cursor.ts';
import { encodeCursor } from './encode-cursor.ts';

const signature = JSON.stringify(['items', [['name', 'asc']]]);

function expectInvalid(run: () => unknown): void {
  expect(run).toThrow(expect.objectContaining({ code: 'INVALID_CURSOR', status: 400 }));
}

function raw(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

describe('encodeCursor and decodeCursor', () => {
  it('round-trips the sort values, null and non-ASCII text included', () => {
    for (const values of [
      ['Zoë', 'r1'],
      [null, 'r2'],
      [2.5, 'r3'],
      [false, 'r4'],
      ['', 'r5'],
    ]) {
      const cursor = encodeCursor({ signature, values });
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor({ cursor, signature, size: 2 })).toEqual(values);
    }
  });

  it('refuses a cursor made for another sort or module', () => {
    const cursor = encodeCursor({ signature, values: ['a', 'r1'] });
    expectInvalid(() =>
      decodeCursor({ cursor, signature: JSON.stringify(['items', [['name', 'desc']]]), size: 2 }),
    );
    expectInvalid(() =>
      decodeCursor({ cursor, signature: JSON.stringify(['vendors', [['name', 'asc']]]), size: 2 }),
    );
  });

  it('refuses a cursor with the wrong number of values', () => {
    const cursor = encodeCursor({ signature, values: ['r1'] });
    expectInvalid(() => decodeCursor({ cursor, signature, size: 2 }));
  });

  it('refuses a cursor whose values could read as query operators', () => {
    for (const values of [
      [{ $gt: '' }, 'r1'],
      [['a'], 'r1'],
      ['a', { $ne: null }],
      ['a', 7],
    ]) {
      expectInvalid(() => decodeCursor({ cursor: raw({ s: signature, v: values }), signature, size: 2 }));
    }
  });

  it('refuses malformed cursors', () => {
    const tooLong = 'a'.repeat(70_000);
    for (const cursor of [
      '',
      'not a cursor',
      '%%%',
      'eyJ4IjoxfQ',
      raw([1, 'items', [], []]),
      raw(null),
      tooLong,
    ]) {
      expectInvalid(() => decodeCursor({ cursor, signature, size: 2 }));
    }
  });
});
