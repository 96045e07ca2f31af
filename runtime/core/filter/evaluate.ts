import { type FieldKind, fieldKind } from './field-kind.ts';
import { isVariable } from './is-variable.ts';
import type { FieldRef, FilterNode, Operand, Operator } from './types.ts';

/** Looks up the record a to-one relation points at; `undefined` when there is none. */
export type ResolveRelated = (args: { module: string; id: string }) => Record<string, unknown> | undefined;

type Condition = Extract<FilterNode, { kind: 'condition' }>;
type Test = (args: { actual: unknown; operand: Operand; isArrayField: boolean }) => boolean;

const arrayKinds: ReadonlySet<FieldKind> = new Set<FieldKind>(['multiSelect', 'referenceMany']);

function isPresent(value: unknown): boolean {
  return value !== null && value !== undefined;
}

function compare(actual: unknown, operand: unknown): number | undefined {
  if (typeof actual === 'number' && typeof operand === 'number') return actual - operand;
  if (typeof actual === 'string' && typeof operand === 'string') {
    if (actual === operand) return 0;
    return actual < operand ? -1 : 1;
  }
  return undefined;
}

function compareWith(accept: (order: number) => boolean): Test {
  return ({ actual, operand }) => {
    const order = compare(actual, operand);
    return order !== undefined && accept(order);
  };
}

function asList(operand: Operand): readonly unknown[] {
  return Array.isArray(operand) ? operand : [operand];
}

function lower(value: unknown): string | undefined {
  return typeof value === 'string' ? value.toLowerCase() : undefined;
}

const isEqual: Test = ({ actual, operand }) => isPresent(actual) && actual === operand;

const isIn: Test = ({ actual, operand, isArrayField }) => {
  const list = asList(operand);
  if (isArrayField) return Array.isArray(actual) && actual.some((element) => list.includes(element));
  return isPresent(actual) && list.includes(actual);
};

const contains: Test = ({ actual, operand, isArrayField }) => {
  if (isArrayField) return Array.isArray(actual) && actual.includes(operand);
  const needle = lower(operand);
  return needle !== undefined && (lower(actual)?.includes(needle) ?? false);
};

const tests: Readonly<Record<Operator, Test>> = {
  eq: isEqual,
  ne: (args) => !isEqual(args),
  in: isIn,
  nin: (args) => !isIn(args),
  lt: compareWith((order) => order < 0),
  lte: compareWith((order) => order <= 0),
  gt: compareWith((order) => order > 0),
  gte: compareWith((order) => order >= 0),
  between: ({ actual, operand }) => {
    const [low, high] = asList(operand);
    const fromLow = compare(actual, low);
    const toHigh = compare(actual, high);
    return fromLow !== undefined && toHigh !== undefined && fromLow >= 0 && toHigh <= 0;
  },
  contains,
  startsWith: ({ actual, operand }) => {
    const prefix = lower(operand);
    return prefix !== undefined && (lower(actual)?.startsWith(prefix) ?? false);
  },
  exists: ({ actual, operand }) => isPresent(actual) === operand,
  within: () => {
    throw new Error("evaluate needs a bound filter: bind 'within' with bindVariables first");
  },
};

function readOwn(record: Record<string, unknown>, name: string): unknown {
  return Object.hasOwn(record, name) ? record[name] : undefined;
}

/** The record holding `ref`'s field: the record itself, or the one its to-one relation points at. */
function holder(args: {
  ref: FieldRef;
  record: Record<string, unknown>;
  related: ResolveRelated | undefined;
}): Record<string, unknown> | undefined {
  const { ref, record, related } = args;
  if (!ref.via) return record;
  if (!related) throw new Error(`evaluate needs 'related' to follow '${ref.path}'`);
  const id = readOwn(record, ref.via.field.name);
  return typeof id === 'string' ? related({ module: ref.module, id }) : undefined;
}

function normalizeActual(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

function assertBound(node: Condition): void {
  const values: readonly unknown[] = Array.isArray(node.value) ? node.value : [node.value];
  if (values.some(isVariable)) {
    throw new Error(`evaluate needs a bound filter: '${node.field.path}' still holds a variable`);
  }
}

function evaluateCondition(args: {
  node: Condition;
  record: Record<string, unknown>;
  related: ResolveRelated | undefined;
}): boolean {
  const { node } = args;
  assertBound(node);
  const target = holder({ ref: node.field, record: args.record, related: args.related });
  if (!target) return false;
  const kind = fieldKind(node.field.field);
  const actual = normalizeActual(readOwn(target, node.field.field.name));
  return tests[node.op]({ actual, operand: node.value, isArrayField: arrayKinds.has(kind) });
}

function evaluateNode(args: {
  node: FilterNode;
  record: Record<string, unknown>;
  related: ResolveRelated | undefined;
}): boolean {
  const { node, record, related } = args;
  switch (node.kind) {
    case 'true':
      return true;
    case 'false':
      return false;
    case 'and':
      return node.children.every((child) => evaluateNode({ node: child, record, related }));
    case 'or':
      return node.children.some((child) => evaluateNode({ node: child, record, related }));
    case 'not':
      return !evaluateNode({ node: node.child, record, related });
    case 'condition':
      return evaluateCondition({ node, record, related });
  }
}

/**
 * Whether `record` matches a bound filter, in memory, with the semantics every compiler shares
 * (see `types.ts`): two-valued logic where a missing or null value fails every positive test and
 * passes `ne`/`nin`; case-insensitive literal `contains`/`startsWith` on text; array fields match
 * by element. A condition behind a relation holds only when the related record exists
 * (`related` finds it) and satisfies it. Throws on a variable or `within` left unbound.
 */
export function evaluate(args: {
  node: FilterNode;
  record: Record<string, unknown>;
  related?: ResolveRelated;
}): boolean {
  return evaluateNode({ node: args.node, record: args.record, related: args.related });
}
