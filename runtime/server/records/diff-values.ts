/** Old and new value of each changed field. */
export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

/** What changed between two versions of a record's values (system fields left out). */
export function diffValues(args: {
  before: Readonly<Record<string, unknown>>;
  after: Readonly<Record<string, unknown>>;
}): FieldChanges {
  const system = new Set(['id', 'version', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'deletedAt']);
  const changes: FieldChanges = {};
  for (const name of new Set([...Object.keys(args.before), ...Object.keys(args.after)])) {
    if (system.has(name)) continue;
    const from = args.before[name] ?? null;
    const to = args.after[name] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[name] = { from, to };
  }
  return changes;
}
