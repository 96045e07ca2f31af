import type { Store } from '../../store/types.ts';

const always = { kind: 'true' } as const;

/** The next number of a named sequence (autoNumber fields); call inside the write's transaction. */
export async function nextSequence(args: {
  tx: Store;
  key: string;
  start: number;
  at: string;
}): Promise<number> {
  const { tx, key, start, at } = args;
  const current = await tx.get({ module: 'atriumSequences', id: key, where: always });
  if (!current) {
    await tx.insert({
      module: 'atriumSequences',
      doc: {
        id: key,
        version: 1,
        owner: null,
        createdAt: at,
        createdBy: null,
        updatedAt: at,
        updatedBy: null,
        deletedAt: null,
        value: start,
      },
    });
    return start;
  }
  const value = Number(current.value) + 1;
  const result = await tx.update({
    module: 'atriumSequences',
    id: key,
    where: always,
    expectedVersion: current.version,
    set: { value },
    updatedAt: at,
    updatedBy: null,
  });
  if (result.kind !== 'updated') throw new Error(`sequence ${key} changed outside its transaction`);
  return value;
}
