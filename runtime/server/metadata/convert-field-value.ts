import type { FieldDef } from '../../core/metadata/types.ts';

/** What becomes of one stored value when its field changes type. */
export type ConversionResult =
  | { kind: 'empty' }
  | { kind: 'converted'; value: unknown }
  | { kind: 'unconvertible'; reason: string };

type Converter = (args: { value: unknown; target: FieldDef | undefined }) => ConversionResult;

const numericTypes = ['number', 'integer', 'currency', 'percent'] as const;
const textTypes = ['text', 'longText'] as const;
const numberPattern = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const dateTimePattern =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const trueWords: ReadonlySet<string> = new Set(['true', 'yes', 'y', '1', 'on']);
const falseWords: ReadonlySet<string> = new Set(['false', 'no', 'n', '0', 'off']);

const converted = (value: unknown): ConversionResult => ({ kind: 'converted', value });
const unconvertible = (reason: string): ConversionResult => ({ kind: 'unconvertible', reason });

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  return value === null ? 'null' : `a ${typeof value}`;
}

function toNumber(toType: string): Converter {
  return ({ value }) => {
    let number: number;
    if (typeof value === 'number') number = value;
    else if (typeof value === 'string' && numberPattern.test(value.trim())) number = Number(value.trim());
    else if (typeof value === 'string') return unconvertible('not a number');
    else return unconvertible(`${describe(value)}, not text or a number`);
    if (!Number.isFinite(number)) return unconvertible('out of range');
    if (toType === 'integer' && !Number.isSafeInteger(number)) return unconvertible('not a whole number');
    return converted(number);
  };
}

const toText: Converter = ({ value }) => {
  if (typeof value === 'string') return converted(value);
  if (typeof value === 'number' || typeof value === 'boolean') return converted(String(value));
  return unconvertible(`${describe(value)}, not a scalar`);
};

const toDate: Converter = ({ value }) => {
  if (typeof value !== 'string') return unconvertible(`${describe(value)}, not text`);
  const match = datePattern.exec(value.trim());
  if (!match) return unconvertible('not a date written YYYY-MM-DD');
  const [, year, month, day] = match.map(Number);
  const date = new Date(Date.UTC(year ?? 0, (month ?? 0) - 1, day ?? 0));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() + 1 !== month || date.getUTCDate() !== day)
    return unconvertible('not a calendar date');
  return converted(value.trim());
};

const toDateTime: Converter = ({ value }) => {
  if (typeof value !== 'string') return unconvertible(`${describe(value)}, not text`);
  const text = value.trim();
  const match = dateTimePattern.exec(text);
  if (!match) return unconvertible('not an ISO 8601 date and time');
  // A time without a zone is read as UTC, never as the server's local time.
  const hasTime = text.length > 10;
  const time = new Date(hasTime && !match[1] ? `${text.replace(' ', 'T')}Z` : text.replace(' ', 'T'));
  if (Number.isNaN(time.getTime())) return unconvertible('not a valid date and time');
  return converted(time.toISOString());
};

const toSelect: Converter = ({ value, target }) => {
  if (typeof value !== 'string') return unconvertible(`${describe(value)}, not text`);
  const text = value.trim();
  const options = target?.options ?? [];
  const byValue = options.find((option) => option.value === text);
  const byLabel = byValue ?? options.find((option) => option.label.toLowerCase() === text.toLowerCase());
  return byLabel ? converted(byLabel.value) : unconvertible('not one of the options');
};

const toBoolean: Converter = ({ value }) => {
  if (typeof value === 'boolean') return converted(value);
  if (typeof value !== 'string') return unconvertible(`${describe(value)}, not text`);
  const word = value.trim().toLowerCase();
  if (trueWords.has(word)) return converted(true);
  if (falseWords.has(word)) return converted(false);
  return unconvertible('not yes/no, true/false, on/off or 1/0');
};

/** The converters per `from>to` pair; any other pair converts no value. */
const converters = new Map<string, Converter>();
for (const text of textTypes) {
  for (const numeric of numericTypes) {
    converters.set(`${text}>${numeric}`, toNumber(numeric));
    converters.set(`${numeric}>${text}`, toText);
  }
  for (const other of textTypes) if (other !== text) converters.set(`${text}>${other}`, toText);
  converters.set(`${text}>date`, toDate);
  converters.set(`${text}>dateTime`, toDateTime);
  converters.set(`${text}>select`, toSelect);
  converters.set(`select>${text}`, toText);
  converters.set(`${text}>boolean`, toBoolean);
  converters.set(`boolean>${text}`, toText);
}
for (const from of numericTypes) {
  for (const to of numericTypes) if (from !== to) converters.set(`${from}>${to}`, toNumber(to));
}

/** Whether a stored value counts as no value: missing, null, blank text or an empty list. */
function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  return Array.isArray(value) && value.length === 0;
}

/**
 * Converts one stored value of a field from `fromType` to `toType`. Pairs with a converter: text
 * (and longText) → number/integer/currency/percent (plain decimal notation only, no thousands
 * separators or symbols), between the numeric types, numeric → text, text → date (`YYYY-MM-DD`),
 * text → dateTime (ISO 8601; no zone means UTC), text ↔ select (an option's value or label),
 * text ↔ boolean (yes/no, true/false, on/off, 1/0), text ↔ longText. Any other pair: every
 * non-empty value is unconvertible. `target` is the new field definition (select options).
 */
export function convertFieldValue(args: {
  fromType: string;
  toType: string;
  value: unknown;
  target?: FieldDef;
}): ConversionResult {
  if (isEmptyValue(args.value)) return { kind: 'empty' };
  const converter = converters.get(`${args.fromType}>${args.toType}`);
  if (!converter) return unconvertible(`${args.fromType} values do not convert to ${args.toType}`);
  return converter({ value: args.value, target: args.target });
}
