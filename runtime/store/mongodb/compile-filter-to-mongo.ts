import { type FieldKind, fieldKind } from '../../core/filter/field-kind.ts';
import { isVariable } from '../../core/filter/is-variable.ts';
import type { FieldRef, FilterNode, Operand, Operator, Scalar } from '../../core/filter/types.ts';
import { escapeRegex } from './escape-regex.ts';
import { toMongoKey } from './to-mongo-key.ts';

/** A MongoDB query document: the filter of `find`, `countDocuments`, `findOneAndUpdate`, `$match`. */
export type MongoQuery = { [key: string]: unknown };

/**
 * The ids of the live records of `module` that satisfy `node` (a condition on that module's own
 * fields). MongoDB `find` cannot join, so a relation path is answered by the adapter ahead of the query.
 */
export type ResolveRelation = (args: { module: string; node: FilterNode }) => Promise<string[]>;

type Condition = Extract<FilterNode, { kind: 'condition' }>;
type CompileCondition = (args: { key: string; operand: Operand; isArrayField: boolean }) => MongoQuery;

const arrayKinds: ReadonlySet<FieldKind> = new Set<FieldKind>(['multiSelect', 'referenceMany']);

/** Matches no document (`_id` is always present, and nothing is in an empty list). */
function matchNothing(): MongoQuery {
  return { _id: { $in: [] } };
}

function scalar(operand: Operand): Scalar {
  if (typeof operand === 'string' || typeof operand === 'number' || typeof operand === 'boolean')
    return operand;
  throw new Error('compileFilterToMongo expected one value, not a list');
}

function list(operand: Operand): Scalar[] {
  const values: readonly unknown[] = Array.isArray(operand) ? operand : [operand];
  return values.map((value) => {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
    throw new Error('compileFilterToMongo expected a list of values');
  });
}

/** Case-insensitive literal text: the pattern is escaped user text, never user syntax. */
function caseInsensitive(args: { key: string; operand: Operand; isArrayField: boolean; anchor: string }) {
  const needle = scalar(args.operand);
  // Like `evaluate`: a non-text needle, or an array value, never matches a text operator.
  if (typeof needle !== 'string' || args.isArrayField) return matchNothing();
  return { [args.key]: { $regex: `${args.anchor}${escapeRegex(needle)}`, $options: 'i' } };
}

function hasAnyOf(args: { key: string; operand: Operand; isArrayField: boolean }): MongoQuery {
  const values = list(args.operand);
  // `$elemMatch` only matches arrays; a bare `$in` would also match a scalar equal to one value.
  if (args.isArrayField) return { [args.key]: { $elemMatch: { $in: values } } };
  return { [args.key]: { $in: values } };
}

/**
 * One compiler per operator. MongoDB's own `$ne` and `$nin` already match missing and null values, so
 * they are the exact negations of `$eq` and `$in` — which is what two-valued logic asks for.
 */
const compilers: Readonly<Record<Operator, CompileCondition>> = {
  eq: ({ key, operand }) => ({ [key]: { $eq: scalar(operand) } }),
  ne: ({ key, operand }) => ({ [key]: { $ne: scalar(operand) } }),
  in: hasAnyOf,
  nin: (args) =>
    args.isArrayField ? { $nor: [hasAnyOf(args)] } : { [args.key]: { $nin: list(args.operand) } },
  lt: ({ key, operand }) => ({ [key]: { $lt: scalar(operand) } }),
  lte: ({ key, operand }) => ({ [key]: { $lte: scalar(operand) } }),
  gt: ({ key, operand }) => ({ [key]: { $gt: scalar(operand) } }),
  gte: ({ key, operand }) => ({ [key]: { $gte: scalar(operand) } }),
  between: ({ key, operand }) => {
    const bounds = list(operand);
    const [low, high] = bounds;
    if (bounds.length !== 2 || low === undefined || high === undefined) {
      throw new Error("compileFilterToMongo expected 'between' to hold [low, high]");
    }
    return { [key]: { $gte: low, $lte: high } };
  },
  contains: (args) =>
    args.isArrayField
      ? { [args.key]: { $elemMatch: { $eq: scalar(args.operand) } } }
      : caseInsensitive({ ...args, anchor: '' }),
  startsWith: (args) => caseInsensitive({ ...args, anchor: '^' }),
  // `{ $eq: null }` matches a missing key as well as a stored null; `$ne: null` is the exact opposite.
  exists: ({ key, operand }) => {
    if (typeof operand !== 'boolean')
      throw new Error("compileFilterToMongo expected 'exists' to hold true or false");
    return { [key]: operand ? { $ne: null } : { $eq: null } };
  },
  within: () => {
    throw new Error("compileFilterToMongo needs a bound filter: bind 'within' with bindVariables first");
  },
};

function assertBound(node: Condition): void {
  const values: readonly unknown[] = Array.isArray(node.value) ? node.value : [node.value];
  if (values.some(isVariable)) {
    throw new Error(`compileFilterToMongo needs a bound filter: '${node.field.path}' still holds a variable`);
  }
}

function compileLocal(node: Condition): MongoQuery {
  return compilers[node.op]({
    key: toMongoKey(node.field.field.name),
    operand: node.value,
    isArrayField: arrayKinds.has(fieldKind(node.field.field)),
  });
}

/**
 * `account.industry eq x` becomes `account in [ids of live accounts whose industry is x]`. A record
 * with no account, a null one or a dangling id is not in that list, so the positive condition is false
 * for it and its negation (`$nor`) true — as `evaluate` has it.
 */
async function compileRelation(args: {
  node: Condition;
  via: NonNullable<FieldRef['via']>;
  resolveRelation: ResolveRelation | undefined;
}): Promise<MongoQuery> {
  const { node, via, resolveRelation } = args;
  if (!resolveRelation)
    throw new Error(`compileFilterToMongo needs 'resolveRelation' to follow '${node.field.path}'`);
  const inner: Condition = {
    ...node,
    field: { path: node.field.field.name, module: node.field.module, field: node.field.field },
  };
  const ids = await resolveRelation({ module: node.field.module, node: inner });
  if (!ids.every((id) => typeof id === 'string')) throw new Error('resolveRelation must return record ids');
  return { [toMongoKey(via.field.name)]: { $in: ids } };
}

async function compileNode(args: {
  node: FilterNode;
  resolveRelation: ResolveRelation | undefined;
}): Promise<MongoQuery> {
  const { node, resolveRelation } = args;
  switch (node.kind) {
    case 'true':
      return {};
    case 'false':
      return matchNothing();
    case 'and':
    case 'or': {
      // One at a time: the relation look-ups may share a transaction's session, which runs one
      // operation at a time.
      const children: MongoQuery[] = [];
      for (const child of node.children) children.push(await compileNode({ node: child, resolveRelation }));
      const [only] = children;
      if (children.length === 1 && only) return only;
      if (children.length === 0) return node.kind === 'and' ? {} : matchNothing();
      return node.kind === 'and' ? { $and: children } : { $or: children };
    }
    case 'not':
      return { $nor: [await compileNode({ node: node.child, resolveRelation })] };
    case 'condition': {
      assertBound(node);
      const via = node.field.via;
      return via ? compileRelation({ node, via, resolveRelation }) : compileLocal(node);
    }
  }
}

/**
 * Compiles a bound filter (DESIGN §4) into a MongoDB query document over the stored layout (one
 * document per record, `_id` = id, fields as top-level keys), with the semantics of `evaluate`:
 * two-valued logic (`not` is `$nor`; `ne`/`nin` match missing and null), case-insensitive literal
 * `contains`/`startsWith` as anchored or unanchored regexes built only from escaped text, array fields
 * matched by element with `$elemMatch`, `exists: true` = present and not null. Relation paths are
 * resolved to id lists through `resolveRelation`, one at a time. Never emits `$where`, `$function`,
 * `$accumulator` or `$expr`. Throws on a variable or `within` left unbound.
 */
export async function compileFilterToMongo(args: {
  node: FilterNode;
  resolveRelation?: ResolveRelation;
}): Promise<MongoQuery> {
  return compileNode({ node: args.node, resolveRelation: args.resolveRelation });
}
