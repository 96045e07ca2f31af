import type { RecordDoc, Store } from '../../runtime/store/types.ts';

/** ORACLE: every live record of a module, page by page, read from the store without access checks. */
export async function storedRecords(args: { store: Store; module: string }): Promise<RecordDoc[]> {
  const records: RecordDoc[] = [];
  let cursor: string | undefined;
  do {
    const page = await args.store.find({ module: args.module, where: { kind: 'true' }, limit: 500, cursor });
    records.push(...page.records);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return records;
}
