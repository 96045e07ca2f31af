import { describe, expect, it } from 'vitest';
import type { FieldDef } from '../../core/metadata/types.ts';
import { convertFieldValue } from './convert-field-value.ts';

const status: FieldDef = {
  name: 'status',
  type: 'select',
  label: 'Status',
  options: [
    { value: 'open', label: 'Open' },
    { value: 'closed', label: 'Closed' },
  ],
};

type Case = [from: string, to: string, value: unknown, expected: unknown];
const converted: Case[] = [
  ['text', 'number', '42', 42],
  ['text', 'number', ' -3.5 ', -3.5],
  ['text', 'number', '1e3', 1000],
  ['text', 'currency', '19.99', 19.99],
  ['text', 'percent', '12.5', 12.5],
  ['text', 'integer', '7', 7],
  ['longText', 'number', '8', 8],
  ['number', 'text', 2.5, '2.5'],
  ['integer', 'text', 3, '3'],
  ['integer', 'number', 3, 3],
  ['number', 'integer', 4, 4],
  ['text', 'date', '2024-02-29', '2024-02-29'],
  ['text', 'dateTime', '2024-03-01T10:00:00+02:00', '2024-03-01T08:00:00.000Z'],
  ['text', 'dateTime', '2024-03-01 10:00', '2024-03-01T10:00:00.000Z'],
  ['text', 'dateTime', '2024-03-01', '2024-03-01T00:00:00.000Z'],
  ['select', 'text', 'open', 'open'],
  ['text', 'select', 'closed', 'closed'],
  ['text', 'select', 'open ', 'open'],
  ['text', 'select', 'CLOSED', 'closed'],
  ['boolean', 'text', true, 'true'],
  ['text', 'boolean', 'Yes', true],
  ['text', 'boolean', '0', false],
  ['text', 'longText', 'hello', 'hello'],
];
const refused: Array<[from: string, to: string, value: unknown, reason: string]> = [
  ['text', 'number', 'abc', 'not a number'],
  ['text', 'number', '1,234', 'not a number'],
  ['text', 'number', '$5', 'not a number'],
  ['text', 'number', '1e400', 'out of range'],
  ['text', 'integer', '7.5', 'not a whole number'],
  ['number', 'integer', 7.5, 'not a whole number'],
  ['text', 'number', { a: 1 }, 'a object, not text or a number'],
  ['text', 'date', '2023-02-29', 'not a calendar date'],
  ['text', 'date', '01/02/2024', 'not a date written YYYY-MM-DD'],
  ['text', 'dateTime', 'tomorrow', 'not an ISO 8601 date and time'],
  ['text', 'select', 'pending', 'not one of the options'],
  ['text', 'boolean', 'maybe', 'not yes/no, true/false, on/off or 1/0'],
  ['email', 'number', 'a@b.c', 'email values do not convert to number'],
  ['multiSelect', 'text', ['a'], 'multiSelect values do not convert to text'],
];

describe('convertFieldValue', () => {
  it.each(converted)('converts %s → %s: %j', (fromType, toType, value, expected) => {
    expect(convertFieldValue({ fromType, toType, value, target: status })).toEqual({
      kind: 'converted',
      value: expected,
    });
  });

  it.each(refused)('refuses %s → %s: %j', (fromType, toType, value, reason) => {
    expect(convertFieldValue({ fromType, toType, value, target: status })).toEqual({
      kind: 'unconvertible',
      reason,
    });
  });

  it.each([undefined, null, '', '  ', []])('counts %j as empty for any pair', (value) => {
    expect(convertFieldValue({ fromType: 'text', toType: 'number', value })).toEqual({ kind: 'empty' });
    expect(convertFieldValue({ fromType: 'json', toType: 'rating', value })).toEqual({ kind: 'empty' });
  });
});
