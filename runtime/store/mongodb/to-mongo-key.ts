const keyPattern = /^[A-Za-z][A-Za-z0-9_]*$/;

/**
 * The top-level document key that stores a field: `id` is MongoDB's `_id`, every other field keeps its
 * name. Throws on a name that could address anything else (a `$` operator, a dotted path, `_id`), so a
 * key built from metadata can never turn into query syntax.
 */
export function toMongoKey(field: string): string {
  if (field === 'id') return '_id';
  if (!keyPattern.test(field)) throw new Error(`'${field.slice(0, 80)}' is not a storable field name`);
  return field;
}
