import { type Collection, type Document, MongoServerError } from 'mongodb';
import { indexPrefix, type PlannedIndex } from './plan-indexes.ts';

const indexOptionsConflict = 85;
const indexKeySpecsConflict = 86;
const indexNotFound = 27;

/** Key order matters in an index key, not in an options document. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
  const entries = Object.entries(value).sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
  return `{${entries.map(([key, child]) => `${JSON.stringify(key)}:${canonical(child)}`).join(',')}}`;
}

/**
 * Whether an existing index already is the planned one. A text index is listed with the key
 * `{ _fts, _ftsx }` and its fields under `weights`, so it is compared by those.
 */
function isSameIndex(args: { existing: Document; planned: PlannedIndex }): boolean {
  const { existing, planned } = args;
  const textFields = Object.keys(planned.key).filter((key) => planned.key[key] === 'text');
  if (textFields.length > 0) {
    const weights: unknown = existing.weights;
    const indexed = typeof weights === 'object' && weights !== null ? Object.keys(weights).sort() : [];
    return (
      canonical(indexed) === canonical([...textFields].sort()) &&
      existing.default_language === planned.default_language &&
      existing.language_override === planned.language_override
    );
  }
  return (
    JSON.stringify(Object.entries(existing.key ?? {})) === JSON.stringify(Object.entries(planned.key)) &&
    (existing.unique === true) === (planned.unique === true) &&
    canonical(existing.partialFilterExpression ?? null) === canonical(planned.partialFilterExpression ?? null)
  );
}

async function dropIfPresent(args: { collection: Collection<Document>; name: string }): Promise<void> {
  try {
    await args.collection.dropIndex(args.name);
  } catch (error) {
    if (!(error instanceof MongoServerError && error.code === indexNotFound)) throw error;
  }
}

/**
 * Brings a collection's `atrium_` indexes in line with the plan: drops the ones no longer planned (a
 * unique index left behind would keep refusing writes the metadata now allows), creates the missing
 * ones, and rebuilds one whose keys or options changed under the same name (a text index whose fields
 * changed, a unique index whose partial filter changed); an index already as planned is left alone. Indexes hold no data, so
 * nothing is lost; indexes without the prefix (an operator's own) are left alone. Creating a unique
 * index over existing duplicates fails with a duplicate-key error.
 */
export async function syncIndexes(args: {
  collection: Collection<Document>;
  planned: readonly PlannedIndex[];
}): Promise<void> {
  const { collection, planned } = args;
  const wanted = new Set(planned.map((index) => index.name));
  const existing = await collection.listIndexes().toArray();
  for (const index of existing) {
    const name: unknown = index.name;
    if (typeof name === 'string' && name.startsWith(indexPrefix) && !wanted.has(name)) {
      await dropIfPresent({ collection, name });
    }
  }
  for (const index of planned) {
    const current = existing.find((candidate) => candidate.name === index.name);
    if (current && isSameIndex({ existing: current, planned: index })) continue;
    if (current) await dropIfPresent({ collection, name: index.name });
    try {
      await collection.createIndexes([index]);
    } catch (error) {
      const isChanged =
        error instanceof MongoServerError &&
        (error.code === indexOptionsConflict || error.code === indexKeySpecsConflict);
      if (!isChanged) throw error;
      await dropIfPresent({ collection, name: index.name });
      await collection.createIndexes([index]);
    }
  }
}
