import type { DeletedMode, RecordDoc, Store } from '../../store/types.ts';

const everything = { kind: 'true' } as const;

/**
 * Visits every record of a module one bounded page at a time (keyset pages of `pageSize`, default
 * 500), so memory stays flat however many records there are. `visit` may write to the records it
 * is given: pages continue after the last id seen.
 */
export async function forEachRecordPage(args: {
  store: Store;
  module: string;
  deleted?: DeletedMode;
  pageSize?: number;
  visit: (records: readonly RecordDoc[]) => Promise<void> | void;
}): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await args.store.find({
      module: args.module,
      where: everything,
      limit: args.pageSize ?? 500,
      deleted: args.deleted,
      ...(cursor === undefined ? {} : { cursor }),
    });
    await args.visit(page.records);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}
