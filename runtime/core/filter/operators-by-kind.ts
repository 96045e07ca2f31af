import type { FieldKind } from './field-kind.ts';
import type { Operator } from './types.ts';

const textOperators: ReadonlySet<Operator> = new Set<Operator>([
  'eq',
  'ne',
  'in',
  'nin',
  'contains',
  'startsWith',
  'exists',
]);
const numberOperators: ReadonlySet<Operator> = new Set<Operator>([
  'eq',
  'ne',
  'in',
  'nin',
  'lt',
  'lte',
  'gt',
  'gte',
  'between',
  'exists',
]);
const dateOperators: ReadonlySet<Operator> = new Set<Operator>([...numberOperators, 'within']);
const scalarChoiceOperators: ReadonlySet<Operator> = new Set<Operator>(['eq', 'ne', 'in', 'nin', 'exists']);
const arrayOperators: ReadonlySet<Operator> = new Set<Operator>(['contains', 'in', 'nin', 'exists']);

/** The operators each field kind accepts (DESIGN §4); parse rejects any other. */
export const operatorsByKind: Readonly<Record<FieldKind, ReadonlySet<Operator>>> = {
  text: textOperators,
  number: numberOperators,
  boolean: new Set<Operator>(['eq', 'ne', 'exists']),
  date: dateOperators,
  dateTime: dateOperators,
  select: scalarChoiceOperators,
  multiSelect: arrayOperators,
  reference: scalarChoiceOperators,
  referenceMany: arrayOperators,
  opaque: new Set<Operator>(['exists']),
};
