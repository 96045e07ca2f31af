import { uniqueViolation } from '../store-errors.ts';

const uniquePattern = /^UNIQUE constraint failed: (?:index '([^']+)'|([A-Za-z0-9_]+\.[A-Za-z0-9_]+))/;

/**
 * Turns SQLite's unique-constraint failure into `UNIQUE_VIOLATION` (409) naming the field
 * (`details.field`, and `details.fields` for a composite index); any other error comes back as is.
 */
export function translateSqliteError(args: {
  error: unknown;
  uniqueIndexes: ReadonlyMap<string, readonly string[]>;
}): unknown {
  const { error } = args;
  if (!(error instanceof Error) || !('code' in error) || error.code !== 'SQLITE_CONSTRAINT_UNIQUE')
    return error;
  const match = uniquePattern.exec(error.message);
  const name = match?.[1] ?? match?.[2];
  const fields = name === undefined ? undefined : args.uniqueIndexes.get(name);
  if (!fields) return error;
  const [field] = fields;
  return uniqueViolation(`Another record already has this ${fields.join(' + ')}.`, {
    field,
    fields: [...fields],
  });
}
