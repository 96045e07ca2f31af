import { type FieldKind, fieldKind } from '../../core/filter/field-kind.ts';
import { isVariable } from '../../core/filter/is-variable.ts';
import type { FilterNode, Operand, Operator, Scalar } from '../../core/filter/types.ts';
import { caseInsensitivePrefixRanges, type TextRange } from './case-insensitive-prefix-ranges.ts';
import { type FieldExpression, fieldExpression } from './field-expression.ts';
import { tableName } from './table-name.ts';

/** A WHERE fragment and the values bound to its `?` placeholders, in order. */
export type SqlFragment = { sql: string; params: unknown[] };

type Condition = Extract<FilterNode, { kind: 'condition' }>;

type Context = { params: unknown[]; nextAlias: (prefix: string) => string };

type OperatorArgs = {
  target: FieldExpression;
  operand: Operand;
  isArrayField: boolean;
  ctx: Context;
};

type OperatorCompiler = (args: OperatorArgs) => string;

const arrayKinds: ReadonlySet<FieldKind> = new Set<FieldKind>(['multiSelect', 'referenceMany']);

function jsonTypes(value: Scalar): readonly string[] {
  if (typeof value === 'string') return ['text'];
  if (typeof value === 'number') return ['integer', 'real'];
  return ['true', 'false'];
}

function toSqlValue(value: Scalar): string | number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

function asScalar(operand: Operand): Scalar | undefined {
  if (typeof operand === 'string' || typeof operand === 'number' || typeof operand === 'boolean')
    return operand;
  return undefined;
}

function asList(operand: Operand): Scalar[] {
  const values: readonly unknown[] = Array.isArray(operand) ? operand : [operand];
  return values.filter(
    (value): value is Scalar =>
      typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean',
  );
}

/**
 * True only when the value's JSON type is one a `values` element has, so `=`/`<`/`IN` below compare
 * like with like (as `===` and `evaluate`'s `compare` do) and never see NULL.
 */
function typeGuard(args: { type: string; values: readonly Scalar[] }): string {
  const names = [...new Set(args.values.flatMap(jsonTypes))];
  return `${args.type} IN (${names.map((name) => `'${name}'`).join(', ')})`;
}

/** Lists up to this long are bound one parameter per value, which the planner can use for index lookups. */
const maxInlineList = 100;

/** `value IN` the list: `(?, ?, …)` for a short one, a bound JSON array (one parameter) for a long one. */
function inList(args: { value: string; values: readonly Scalar[]; ctx: Context }): string {
  if (args.values.length <= maxInlineList) {
    for (const value of args.values) args.ctx.params.push(toSqlValue(value));
    return `${args.value} IN (${args.values.map(() => '?').join(', ')})`;
  }
  args.ctx.params.push(JSON.stringify(args.values.map(toSqlValue)));
  return `${args.value} IN (SELECT value FROM json_each(?))`;
}

/** An array field holding at least one of `values`; false for anything that is not an array. */
function hasAnyElement(args: { target: FieldExpression; values: readonly Scalar[]; ctx: Context }): string {
  const { target, values, ctx } = args;
  if (values.length === 0 || target.each === null) return '0';
  const element = ctx.nextAlias('el');
  const guard = typeGuard({ type: `${element}.type`, values });
  const membership = inList({ value: `${element}.value`, values, ctx });
  return `(${target.type} = 'array' AND EXISTS (SELECT 1 FROM ${target.each} AS ${element} WHERE ${guard} AND ${membership}))`;
}

const isEqual: OperatorCompiler = ({ target, operand, ctx }) => {
  const value = asScalar(operand);
  if (value === undefined) return '0';
  ctx.params.push(toSqlValue(value));
  return `(${typeGuard({ type: target.type, values: [value] })} AND ${target.value} = ?)`;
};

const isIn: OperatorCompiler = ({ target, operand, isArrayField, ctx }) => {
  const values = asList(operand);
  if (isArrayField) return hasAnyElement({ target, values, ctx });
  if (values.length === 0) return '0';
  const guard = typeGuard({ type: target.type, values });
  return `(${guard} AND ${inList({ value: target.value, values, ctx })})`;
};

function compareWith(comparison: '<' | '<=' | '>' | '>='): OperatorCompiler {
  return ({ target, operand, ctx }) => {
    const value = asScalar(operand);
    if (typeof value !== 'string' && typeof value !== 'number') return '0';
    ctx.params.push(value);
    return `(${typeGuard({ type: target.type, values: [value] })} AND ${target.value} ${comparison} ?)`;
  };
}

const isBetween: OperatorCompiler = ({ target, operand, ctx }) => {
  const [low, high] = asList(operand);
  const isComparable = (typeof low === 'string' || typeof low === 'number') && typeof low === typeof high;
  if (!isComparable || high === undefined) return '0';
  ctx.params.push(low, high);
  return `(${typeGuard({ type: target.type, values: [low] })} AND ${target.value} BETWEEN ? AND ?)`;
};

/** JS `toLowerCase` (the `atrium_lower` function) on both sides keeps the match identical to `evaluate`. */
const contains: OperatorCompiler = ({ target, operand, isArrayField, ctx }) => {
  const value = asScalar(operand);
  if (value === undefined) return '0';
  if (isArrayField) return hasAnyElement({ target, values: [value], ctx });
  if (typeof value !== 'string') return '0';
  ctx.params.push(value.toLowerCase());
  return `(${target.type} = 'text' AND instr(atrium_lower(${target.value}), ?) > 0)`;
};

/** `value` inside one text range (binary order, as SQLite compares text). */
function inRange(args: { value: string; range: TextRange; ctx: Context }): string {
  const { value, range, ctx } = args;
  ctx.params.push(range.low);
  if (range.high === undefined) return `${value} >= ?`;
  ctx.params.push(range.high);
  return `${value} >= ? AND ${value} < ?`;
}

/**
 * The exact test runs on `atrium_lower`, which no index can serve, so the ranges the value must lie
 * in (`caseInsensitivePrefixRanges`: `S…` or `s…` for `s`) go in front of it. They are written as
 * the one range spanning them all, which an index on the field (or on owner and field) serves
 * reliably, then their OR, which the index entries are checked against before a row is read.
 */
const startsWith: OperatorCompiler = ({ target, operand, ctx }) => {
  const value = asScalar(operand);
  if (typeof value !== 'string') return '0';
  const prefix = value.toLowerCase();
  const ranges = caseInsensitivePrefixRanges(prefix) ?? [];
  const [first] = ranges;
  let narrowing = '';
  if (first) {
    const last = ranges.at(-1) ?? first;
    narrowing = ` AND ${inRange({ value: target.value, range: { low: first.low, high: last.high }, ctx })}`;
    if (ranges.length > 1) {
      const each = ranges.map((range) => `(${inRange({ value: target.value, range, ctx })})`);
      narrowing += ` AND (${each.join(' OR ')})`;
    }
  }
  ctx.params.push(prefix, prefix);
  return `(${target.type} = 'text'${narrowing} AND substr(atrium_lower(${target.value}), 1, length(?)) = ?)`;
};

const exists: OperatorCompiler = ({ target, operand }) => {
  if (operand === true) return `(${target.value} IS NOT NULL)`;
  if (operand === false) return `(${target.value} IS NULL)`;
  return '0';
};

function negate(compiler: OperatorCompiler): OperatorCompiler {
  return (args) => `(NOT ${compiler(args)})`;
}

const operatorCompilers: Readonly<Record<Operator, OperatorCompiler>> = {
  eq: isEqual,
  ne: negate(isEqual),
  in: isIn,
  nin: negate(isIn),
  lt: compareWith('<'),
  lte: compareWith('<='),
  gt: compareWith('>'),
  gte: compareWith('>='),
  between: isBetween,
  contains,
  startsWith,
  exists,
  within: () => {
    throw new Error("compileFilterToSql needs a bound filter: bind 'within' with bindVariables first");
  },
};

function assertBound(node: Condition): void {
  const values: readonly unknown[] = Array.isArray(node.value) ? node.value : [node.value];
  if (values.some(isVariable)) {
    throw new Error(`compileFilterToSql needs a bound filter: '${node.field.path}' still holds a variable`);
  }
}

function compileCondition(args: {
  node: Condition;
  module: string;
  qualifier: string;
  ctx: Context;
}): string {
  const { node, module, qualifier, ctx } = args;
  assertBound(node);
  const ref = node.field;
  const test = operatorCompilers[node.op];
  const isArrayField = arrayKinds.has(fieldKind(ref.field));
  if (!ref.via) {
    if (ref.module !== module) {
      throw new Error(`'${ref.path}' belongs to module '${ref.module}', not '${module}'`);
    }
    const target = fieldExpression({ name: ref.field.name, qualifier });
    return test({ target, operand: node.value, isArrayField, ctx });
  }
  if (ref.via.module !== module) {
    throw new Error(`'${ref.path}' starts from module '${ref.via.module}', not '${module}'`);
  }
  const link = fieldExpression({ name: ref.via.field.name, qualifier });
  const related = ctx.nextAlias('rel');
  const target = fieldExpression({ name: ref.field.name, qualifier: related });
  const inner = test({ target, operand: node.value, isArrayField, ctx });
  return (
    `EXISTS (SELECT 1 FROM ${tableName(ref.module)} AS ${related} WHERE ${related}.deleted_at IS NULL` +
    ` AND ${link.type} = 'text' AND ${related}.id = ${link.value} AND ${inner})`
  );
}

function compileNode(args: { node: FilterNode; module: string; qualifier: string; ctx: Context }): string {
  const { node } = args;
  switch (node.kind) {
    case 'true':
      return '1';
    case 'false':
      return '0';
    case 'and':
    case 'or': {
      if (node.children.length === 0) return node.kind === 'and' ? '1' : '0';
      const parts = node.children.map((child) => compileNode({ ...args, node: child }));
      return `(${parts.join(node.kind === 'and' ? ' AND ' : ' OR ')})`;
    }
    case 'not':
      return `(NOT ${compileNode({ ...args, node: node.child })})`;
    case 'condition':
      return compileCondition({ ...args, node });
  }
}

/**
 * Compiles a bound filter on `module` into an SQL boolean over the embedded store's table layout
 * (system columns plus a JSON `doc`), for a row named `alias` (default: the module's table).
 * Every value is a bound parameter; field names come from the filter's metadata and are validated
 * before they reach a JSON path. The expression is two-valued (never NULL), so `NOT` is the
 * complement, and reproduces `evaluate` exactly: missing or null values fail positive tests,
 * `contains`/`startsWith` on text are case-insensitive literal matches (`instr`/`substr` over
 * `atrium_lower`, never LIKE), array fields match by element through `json_each`, and a relation
 * path is an EXISTS over the live related records. Needs the `atrium_lower` SQL function
 * (`registerFunctions`). Throws on a variable or `within` left unbound.
 */
export function compileFilterToSql(args: { node: FilterNode; module: string; alias?: string }): SqlFragment {
  const qualifier = args.alias ?? tableName(args.module);
  let aliasCount = 0;
  const ctx: Context = {
    params: [],
    nextAlias: (prefix) => {
      aliasCount += 1;
      return `atrium_${prefix}${aliasCount}`;
    },
  };
  const sql = compileNode({ node: args.node, module: args.module, qualifier, ctx });
  return { sql, params: ctx.params };
}
