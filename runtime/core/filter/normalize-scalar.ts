import { type FieldKind, fieldKind } from './field-kind.ts';
import type { FilterField, Scalar } from './types.ts';

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const dateTimePattern =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

const monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isCalendarDate(args: { year: number; month: number; day: number }): boolean {
  const isLeap = args.year % 4 === 0 && (args.year % 100 !== 0 || args.year % 400 === 0);
  const length = args.month === 2 && isLeap ? 29 : monthLengths[args.month - 1];
  return length !== undefined && args.day >= 1 && args.day <= length;
}

function toDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = datePattern.exec(value);
  if (!match) return undefined;
  const isValid = isCalendarDate({ year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) });
  return isValid ? value : undefined;
}

function toDateTime(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = dateTimePattern.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second, offsetHour, offsetMinute] = match
    .slice(1)
    .map((part) => (part === undefined ? 0 : Number(part)));
  if (!isCalendarDate({ year: year ?? 0, month: month ?? 0, day: day ?? 0 })) return undefined;
  const isTimeValid = (hour ?? 0) <= 23 && (minute ?? 0) <= 59 && (second ?? 0) <= 59;
  const isOffsetValid = (offsetHour ?? 0) <= 23 && (offsetMinute ?? 0) <= 59;
  if (!isTimeValid || !isOffsetValid) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) return undefined;
  const iso = new Date(time).toISOString();
  // An offset can move a year-0000 or year-9999 instant out of the four-digit range ISO ordering relies on.
  return /^\d{4}-/.test(iso) ? iso : undefined;
}

function toText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function toOption(value: unknown, field: FilterField): string | undefined {
  return typeof value === 'string' && (field.optionValues ?? []).includes(value) ? value : undefined;
}

const normalizers: Readonly<Record<FieldKind, (value: unknown, field: FilterField) => Scalar | undefined>> = {
  text: toText,
  number: (value) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined),
  boolean: (value) => (typeof value === 'boolean' ? value : undefined),
  date: toDate,
  dateTime: toDateTime,
  select: toOption,
  multiSelect: toOption,
  reference: toText,
  referenceMany: toText,
  opaque: () => undefined,
};

/**
 * The canonical form of one literal operand for `field` (a dateTime becomes `toISOString()`), or
 * `undefined` when the value does not fit the field: wrong type, impossible date, unknown option.
 */
export function normalizeScalar(args: { value: unknown; field: FilterField }): Scalar | undefined {
  return normalizers[fieldKind(args.field)](args.value, args.field);
}
