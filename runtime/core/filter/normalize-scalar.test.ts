import { describe, expect, it } from 'vitest';
import { normalizeScalar } from './normalize-scalar.ts';
import type { FilterField } from './types.ts';

const field = (type: string, optionValues?: string[]): FilterField => ({ name: 'f', type, optionValues });

describe('normalizeScalar', () => {
  it.each([
    ['2026-03-15T12:00:00Z', '2026-03-15T12:00:00.000Z'],
    ['2026-03-15T12:00Z', '2026-03-15T12:00:00.000Z'],
    ['2026-03-15T13:00:00.5+01:00', '2026-03-15T12:00:00.500Z'],
    ['2026-03-15T00:30:00-02:30', '2026-03-15T03:00:00.000Z'],
  ])('normalises the dateTime %s to %s', (value, expected) => {
    expect(normalizeScalar({ value, field: field('dateTime') })).toBe(expected);
  });

  it.each([
    '2026-03-15T12:00:00',
    '2026-03-15',
    '2026-02-30T00:00:00Z',
    '2026-03-15T24:00:00Z',
    '2026-03-15T12:60:00Z',
    'now',
    1773576000000,
  ])('refuses the dateTime %s', (value) => {
    expect(normalizeScalar({ value, field: field('dateTime') })).toBeUndefined();
  });

  it('accepts a leap day only in a leap year', () => {
    expect(normalizeScalar({ value: '2024-02-29', field: field('date') })).toBe('2024-02-29');
    expect(normalizeScalar({ value: '2100-02-29', field: field('date') })).toBeUndefined();
    expect(normalizeScalar({ value: '2000-02-29', field: field('date') })).toBe('2000-02-29');
  });

  it('refuses a date with a time', () => {
    expect(normalizeScalar({ value: '2026-03-15T00:00:00Z', field: field('date') })).toBeUndefined();
  });

  it('accepts only finite numbers for number types', () => {
    expect(normalizeScalar({ value: 2.5, field: field('rating') })).toBe(2.5);
    expect(normalizeScalar({ value: Number.NaN, field: field('number') })).toBeUndefined();
    expect(normalizeScalar({ value: Number.POSITIVE_INFINITY, field: field('currency') })).toBeUndefined();
  });

  it('accepts only the options of a select', () => {
    expect(normalizeScalar({ value: 'a', field: field('select', ['a', 'b']) })).toBe('a');
    expect(normalizeScalar({ value: 'c', field: field('multiSelect', ['a', 'b']) })).toBeUndefined();
  });

  it('accepts nothing for an opaque type', () => {
    expect(normalizeScalar({ value: 'x', field: field('plugin:color') })).toBeUndefined();
  });
});
