import { combine } from './combine.ts';
import { fieldKind } from './field-kind.ts';
import { isVariable } from './is-variable.ts';
import { normalizeScalar } from './normalize-scalar.ts';
import { parseVariable, type VariableTarget } from './parse-variable.ts';
import type { FilterField, FilterNode, Operand, PrincipalAttributes, Scalar, Variable } from './types.ts';
import { withinRange } from './within-range.ts';

type Condition = Extract<FilterNode, { kind: 'condition' }>;
type Env = { principal: PrincipalAttributes; now: Date };

const trueNode: FilterNode = { kind: 'true' };
const falseNode: FilterNode = { kind: 'false' };

function readAttribute(args: { target: VariableTarget; env: Env }): unknown {
  if (args.target.kind !== 'principal') return undefined;
  const { attribute } = args.target;
  return Object.hasOwn(args.env.principal, attribute) ? args.env.principal[attribute] : undefined;
}

function clockValue(args: { target: VariableTarget; field: FilterField; now: Date }): Scalar | undefined {
  const kind = fieldKind(args.field);
  const iso = args.now.toISOString();
  const today = iso.slice(0, 10);
  if (kind === 'date') return today;
  if (kind !== 'dateTime') return undefined;
  return args.target.kind === 'now' ? iso : `${today}T00:00:00.000Z`;
}

/** The value a list element or scalar operand stands for, or `undefined` when it cannot be resolved. */
function resolveScalar(args: {
  element: Scalar | Variable;
  field: FilterField;
  env: Env;
}): Scalar | undefined {
  if (!isVariable(args.element)) return args.element;
  const target = parseVariable(args.element.variable);
  if (!target) return undefined;
  if (target.kind !== 'principal') return clockValue({ target, field: args.field, now: args.env.now });
  const value = readAttribute({ target, env: args.env });
  return Array.isArray(value) ? undefined : normalizeScalar({ value, field: args.field });
}

function resolveList(args: { variable: Variable; field: FilterField; env: Env }): Scalar[] | undefined {
  const target = parseVariable(args.variable.variable);
  const value = target ? readAttribute({ target, env: args.env }) : undefined;
  if (!Array.isArray(value)) return undefined;
  const values: Scalar[] = [];
  for (const element of value) {
    const normalized = normalizeScalar({ value: element, field: args.field });
    if (normalized === undefined) return undefined;
    values.push(normalized);
  }
  return values;
}

function resolveOperand(args: { node: Condition; env: Env }): Operand | undefined {
  const { node, env } = args;
  const field = node.field.field;
  const value = node.value;
  if (isVariable(value)) {
    const isList = node.op === 'in' || node.op === 'nin';
    return isList
      ? resolveList({ variable: value, field, env })
      : resolveScalar({ element: value, field, env });
  }
  if (!Array.isArray(value)) return value;
  const values: Scalar[] = [];
  for (const element of value) {
    const resolved = resolveScalar({ element, field, env });
    if (resolved === undefined) return undefined;
    values.push(resolved);
  }
  return values;
}

function bindCondition(args: { node: Condition; negations: number; env: Env }): FilterNode {
  const { node, env } = args;
  if (node.op === 'within') {
    if (typeof node.value !== 'string')
      throw new Error(`'within' on '${node.field.path}' is not a range name`);
    const bounds = withinRange({
      within: node.value,
      now: env.now,
      isDateTime: fieldKind(node.field.field) === 'dateTime',
    });
    return combine.and(bounds.map((bound) => ({ ...node, op: bound.op, value: bound.value })));
  }
  const value = resolveOperand({ node, env });
  if (value === undefined) return args.negations % 2 === 0 ? falseNode : trueNode;
  return { ...node, value };
}

function bindNode(args: { node: FilterNode; negations: number; env: Env }): FilterNode {
  const { node, negations, env } = args;
  switch (node.kind) {
    case 'true':
    case 'false':
      return node;
    case 'and':
      return combine.and(node.children.map((child) => bindNode({ node: child, negations, env })));
    case 'or':
      return combine.or(node.children.map((child) => bindNode({ node: child, negations, env })));
    case 'not':
      return combine.not(bindNode({ node: node.child, negations: negations + 1, env }));
    case 'condition':
      return bindCondition({ node, negations, env });
  }
}

/**
 * Replaces variables with values at bind time and `within` with concrete `gte`/`lte` (or `lt`/`gt`)
 * bounds, all in UTC: `$now` is `now` (its day for date fields), `$today` is today's date (its
 * midnight for dateTime fields), `$principal.x` is the attribute, normalised like a literal; a list
 * operand may be an array attribute. Fails closed: a condition whose variable cannot be resolved
 * (missing, null, wrong shape or type) becomes FALSE under an even number of `not`s and TRUE under an
 * odd number, so it can only narrow the result. The tree is simplified with `combine`.
 */
export function bindVariables(args: {
  node: FilterNode;
  principal: PrincipalAttributes;
  now: Date;
}): FilterNode {
  return bindNode({ node: args.node, negations: 0, env: { principal: args.principal, now: args.now } });
}
