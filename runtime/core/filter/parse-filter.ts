import { invalidFilter } from '../errors.ts';
import { combine } from './combine.ts';
import { type FieldKind, fieldKind } from './field-kind.ts';
import { fieldNotReadable } from './field-not-readable.ts';
import { normalizeScalar } from './normalize-scalar.ts';
import { operatorsByKind } from './operators-by-kind.ts';
import { parseVariable } from './parse-variable.ts';
import { maxWithinDays, parseWithin } from './parse-within.ts';
import {
  defaultFilterLimits,
  type FieldRef,
  type FilterCatalog,
  type FilterField,
  type FilterLimits,
  type FilterNode,
  type Operand,
  type Operator,
  operators,
  type Scalar,
  type Variable,
} from './types.ts';

/** Whether the principal may read `field` of `module`; a filter naming an unreadable field is refused. */
export type IsFieldReadable = (args: { module: string; field: string }) => boolean;

type Context = {
  module: string;
  catalog: FilterCatalog;
  isFieldReadable: IsFieldReadable | undefined;
  hidesUnreadable: boolean;
  limits: FilterLimits;
  nodeCount: number;
};

type OperandArgs = {
  operand: unknown;
  op: Operator;
  path: string;
  ref: FieldRef;
  kind: FieldKind;
  ctx: Context;
};

const operatorNames: ReadonlySet<string> = new Set(operators);
const forbiddenKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
const keyPattern = /^[A-Za-z0-9.]+$/;
const clockKinds: ReadonlySet<FieldKind> = new Set<FieldKind>(['date', 'dateTime']);
const withinNames =
  'today, yesterday, tomorrow, thisWeek, lastWeek, nextWeek, thisMonth, lastMonth, nextMonth, thisQuarter, ' +
  `lastQuarter, nextQuarter, thisYear, lastYear, nextYear, lastNdays, nextNdays (N from 1 to ${maxWithinDays}), past, future`;

const expectations: Readonly<Record<FieldKind, (field: FilterField) => string>> = {
  text: () => 'a string',
  number: () => 'a number',
  boolean: () => 'true or false',
  date: () => "a date like '2026-03-15'",
  dateTime: () => "an ISO date-time with a time zone, like '2026-03-15T12:00:00Z'",
  select: (field) => `one of its options (${quote((field.optionValues ?? []).join(', '))})`,
  multiSelect: (field) => `one of its options (${quote((field.optionValues ?? []).join(', '))})`,
  reference: () => 'a record id (a string)',
  referenceMany: () => 'a record id (a string)',
  opaque: () => 'no value',
};

/** Shortens user-written names before they go into a message. */
function quote(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

function pointer(parent: string, key: string | number): string {
  return `${parent}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function isOperator(name: string): name is Operator {
  return operatorNames.has(name);
}

function countNode(args: { ctx: Context; path: string }): void {
  args.ctx.nodeCount += 1;
  if (args.ctx.nodeCount > args.ctx.limits.maxNodes) {
    throw invalidFilter(`The filter has more than ${args.ctx.limits.maxNodes} conditions and groups.`, {
      path: args.path,
    });
  }
}

function checkKey(args: { key: string; path: string; ctx: Context }): void {
  const { key, path } = args;
  if (key.length > args.ctx.limits.maxStringLength) {
    throw invalidFilter(`A key is longer than ${args.ctx.limits.maxStringLength} characters.`, { path });
  }
  if (key.split('.').some((segment) => forbiddenKeys.has(segment))) {
    throw invalidFilter(`'${quote(key)}' is not allowed as a key.`, { path });
  }
  if (!keyPattern.test(key)) {
    throw invalidFilter(
      `'${quote(key)}' is not a field or logical operator: keys may only contain letters, digits and '.'.`,
      { path },
    );
  }
}

function lookupField(args: { module: string; name: string; path: string; ctx: Context }): FilterField {
  const { module, name, path, ctx } = args;
  const found = ctx.catalog.modules.get(module);
  if (!found) throw invalidFilter(`Unknown module '${quote(module)}'.`, { path });
  const field = found.fields.get(name);
  const isReadable = !ctx.isFieldReadable || ctx.isFieldReadable({ module, field: name });
  // Callers who must not learn that a hidden field exists get the unknown-field answer for it too.
  if (!field || (!isReadable && ctx.hidesUnreadable)) {
    throw invalidFilter(`Unknown field '${quote(name)}' on module '${module}'.`, { path });
  }
  if (!isReadable) throw fieldNotReadable(`Field '${name}' of module '${module}' is not readable.`, { path });
  return field;
}

function resolveField(args: { key: string; path: string; ctx: Context }): FieldRef {
  const { key, path, ctx } = args;
  const segments = key.split('.');
  if (segments.includes('')) throw invalidFilter(`'${quote(key)}' is not a field path.`, { path });
  const [name = '', subName, ...rest] = segments;
  if (rest.length > 0) {
    throw invalidFilter(
      `'${quote(key)}' follows more than one relation; a path may take one hop, like 'account.industry'.`,
      { path },
    );
  }
  const field = lookupField({ module: ctx.module, name, path, ctx });
  if (subName === undefined) return { path: key, module: ctx.module, field };
  const relation = field.type === 'relation' ? field.relation : undefined;
  if (!relation)
    throw invalidFilter(`'${name}' is not a relation, so '${quote(key)}' cannot follow it.`, { path });
  if (relation.cardinality !== 'one') {
    throw invalidFilter(
      `'${name}' links to many records; a path can only follow a relation to one record, not '${quote(key)}'.`,
      { path },
    );
  }
  const target = lookupField({ module: relation.module, name: subName, path, ctx });
  return { path: key, module: relation.module, field: target, via: { module: ctx.module, field } };
}

function isVariableText(operand: unknown): operand is string {
  return typeof operand === 'string' && operand.startsWith('$') && !operand.startsWith('$$');
}

function parseVariableOperand(args: OperandArgs & { operand: string }): Variable {
  const { operand, path, ref, kind } = args;
  const target = parseVariable(operand);
  if (!target) {
    throw invalidFilter(
      `Unknown variable '${quote(operand)}'; the variables are $principal.<attribute>, $now and $today (write '$$…' for text that starts with '$').`,
      { path },
    );
  }
  if (target.kind !== 'principal' && !clockKinds.has(kind)) {
    throw invalidFilter(`'${operand}' is a date, but '${ref.path}' is a ${ref.field.type} field.`, { path });
  }
  return { variable: operand };
}

function parseValue(args: OperandArgs): Scalar | Variable {
  const { operand, path, ref, ctx } = args;
  if (operand === null) {
    throw invalidFilter(
      `null is not a value for '${ref.path}'; use { "exists": false } to find records without a value (or { "exists": true } for records with one).`,
      { path },
    );
  }
  if (typeof operand === 'string' && operand.length > ctx.limits.maxStringLength) {
    throw invalidFilter(
      `A value for '${ref.path}' is longer than ${ctx.limits.maxStringLength} characters.`,
      {
        path,
      },
    );
  }
  if (isVariableText(operand)) return parseVariableOperand({ ...args, operand });
  const literal = typeof operand === 'string' && operand.startsWith('$$') ? operand.slice(1) : operand;
  const value = normalizeScalar({ value: literal, field: ref.field });
  if (value === undefined) {
    throw invalidFilter(
      `'${args.op}' on '${ref.path}' (${ref.field.type}) expects ${expectations[args.kind](ref.field)}, not ${describe(operand)}${typeof operand === 'string' ? ` '${quote(operand)}'` : ''}.`,
      { path },
    );
  }
  return value;
}

function parseList(args: OperandArgs): Operand {
  const { operand, op, path, ref, ctx } = args;
  if (isVariableText(operand)) {
    const variable = parseVariableOperand({ ...args, operand });
    if (parseVariable(operand)?.kind !== 'principal') {
      throw invalidFilter(`'${op}' takes a list or a $principal attribute holding one, not '${operand}'.`, {
        path,
      });
    }
    return variable;
  }
  if (!Array.isArray(operand)) {
    throw invalidFilter(`'${op}' on '${ref.path}' expects an array of values, not ${describe(operand)}.`, {
      path,
    });
  }
  if (operand.length > ctx.limits.maxListValues) {
    throw invalidFilter(`'${op}' on '${ref.path}' lists more than ${ctx.limits.maxListValues} values.`, {
      path,
    });
  }
  const values: Array<Scalar | Variable> = [];
  for (let index = 0; index < operand.length; index += 1) {
    values.push(parseValue({ ...args, operand: operand[index], path: pointer(path, index) }));
  }
  return values;
}

function parseBetween(args: OperandArgs): Operand {
  const { operand, path, ref } = args;
  if (!Array.isArray(operand) || operand.length !== 2) {
    throw invalidFilter(`'between' on '${ref.path}' expects [low, high], not ${describe(operand)}.`, {
      path,
    });
  }
  return [
    parseValue({ ...args, operand: operand[0], path: pointer(path, 0) }),
    parseValue({ ...args, operand: operand[1], path: pointer(path, 1) }),
  ];
}

function parseExists(args: OperandArgs): Operand {
  if (typeof args.operand !== 'boolean') {
    throw invalidFilter(
      `'exists' on '${args.ref.path}' expects true or false, not ${describe(args.operand)}.`,
      {
        path: args.path,
      },
    );
  }
  return args.operand;
}

function parseWithinOperand(args: OperandArgs): Operand {
  const { operand, path, ref } = args;
  if (typeof operand !== 'string' || !parseWithin(operand)) {
    throw invalidFilter(`'within' on '${ref.path}' expects one of: ${withinNames}.`, { path });
  }
  return operand;
}

const operandParsers: Readonly<Record<Operator, (args: OperandArgs) => Operand>> = {
  eq: parseValue,
  ne: parseValue,
  lt: parseValue,
  lte: parseValue,
  gt: parseValue,
  gte: parseValue,
  contains: parseValue,
  startsWith: parseValue,
  in: parseList,
  nin: parseList,
  between: parseBetween,
  exists: parseExists,
  within: parseWithinOperand,
};

function parseConditions(args: { key: string; value: unknown; path: string; ctx: Context }): FilterNode {
  const { key, value, path, ctx } = args;
  const ref = resolveField({ key, path, ctx });
  if (!isPlainObject(value)) {
    throw invalidFilter(
      `'${quote(key)}' must map to an object of operators, like { "${quote(key)}": { "eq": … } }, not ${describe(value)}.`,
      { path },
    );
  }
  const names = Object.keys(value);
  if (names.length === 0) throw invalidFilter(`'${quote(key)}' names no operator.`, { path });
  const kind = fieldKind(ref.field);
  const allowed = operatorsByKind[kind];
  const conditions: FilterNode[] = [];
  for (const name of names) {
    const opPath = pointer(path, name);
    if (!isOperator(name)) {
      throw invalidFilter(`Unknown operator '${quote(name)}' on '${quote(key)}'.`, { path: opPath });
    }
    if (!allowed.has(name)) {
      throw invalidFilter(
        `'${name}' does not apply to '${key}' (type ${ref.field.type}); it takes ${[...allowed].join(', ')}.`,
        { path: opPath },
      );
    }
    countNode({ ctx, path: opPath });
    const operand = operandParsers[name]({ operand: value[name], op: name, path: opPath, ref, kind, ctx });
    conditions.push({ kind: 'condition', field: ref, op: name, value: operand });
  }
  return combine.and(conditions);
}

function parseObject(args: { json: unknown; path: string; depth: number; ctx: Context }): FilterNode {
  const { json, path, depth, ctx } = args;
  if (depth > ctx.limits.maxDepth) {
    throw invalidFilter(`The filter is nested more than ${ctx.limits.maxDepth} levels deep.`, { path });
  }
  if (!isPlainObject(json)) throw invalidFilter(`Expected a filter object, not ${describe(json)}.`, { path });
  countNode({ ctx, path });
  const keys = Object.keys(json);
  if (keys.length > ctx.limits.maxNodes) {
    throw invalidFilter(`The filter has more than ${ctx.limits.maxNodes} conditions and groups.`, { path });
  }
  const children: FilterNode[] = [];
  for (const key of keys) {
    const keyPath = pointer(path, key);
    checkKey({ key, path: keyPath, ctx });
    const value = json[key];
    if (key === 'and' || key === 'or') {
      if (!Array.isArray(value)) {
        throw invalidFilter(`'${key}' expects an array of filters, not ${describe(value)}.`, {
          path: keyPath,
        });
      }
      if (value.length > ctx.limits.maxNodes) {
        throw invalidFilter(`The filter has more than ${ctx.limits.maxNodes} conditions and groups.`, {
          path: keyPath,
        });
      }
      const members: FilterNode[] = [];
      for (let index = 0; index < value.length; index += 1) {
        members.push(
          parseObject({ json: value[index], path: pointer(keyPath, index), depth: depth + 1, ctx }),
        );
      }
      children.push(key === 'and' ? combine.and(members) : combine.or(members));
    } else if (key === 'not') {
      children.push(combine.not(parseObject({ json: value, path: keyPath, depth: depth + 1, ctx })));
    } else {
      children.push(parseConditions({ key, value, path: keyPath, ctx }));
    }
  }
  return combine.and(children);
}

/**
 * Parses a JSON filter (DESIGN §4) on `module` into a `FilterNode` tree. Refuses, with
 * `INVALID_FILTER` and the JSON pointer of the offending node in `details.path`: unknown fields and
 * operators, operators or values that do not fit the field type, `null` values, unknown variables,
 * unsafe keys, relation paths other than one hop through a to-one relation, and trees beyond
 * `limits`. A field `isFieldReadable` rejects (directly or behind a relation) is `FIELD_NOT_READABLE`.
 * dateTime literals come back as `toISOString()`; `$$text` is the literal `$text`.
 */
export function parseFilter(args: {
  json: unknown;
  module: string;
  catalog: FilterCatalog;
  isFieldReadable?: IsFieldReadable;
  /** Answer a filter on an unreadable field exactly like one on an unknown field (for portal users). */
  hidesUnreadable?: boolean;
  limits?: Partial<FilterLimits>;
}): FilterNode {
  const ctx: Context = {
    module: args.module,
    catalog: args.catalog,
    isFieldReadable: args.isFieldReadable,
    hidesUnreadable: args.hidesUnreadable === true,
    limits: { ...defaultFilterLimits, ...args.limits },
    nodeCount: 0,
  };
  if (!args.catalog.modules.has(args.module)) {
    throw invalidFilter(`Unknown module '${quote(args.module)}'.`, { path: '' });
  }
  return parseObject({ json: args.json, path: '', depth: 1, ctx });
}
