import { newRecordId } from '../../runtime/server/records/new-record-id.ts';
import type { RecordDoc, Store } from '../../runtime/store/types.ts';
import type { Random } from './create-random.ts';
import { makeAccountDoc } from './make-account-doc.ts';
import { makeContactDoc } from './make-contact-doc.ts';

const batchSize = 5_000;

/** What the benchmark needs to know about the generated data. */
export type SeededData = {
  accountIds: string[];
  /** Contact ids by owner. */
  contactIdsByOwner: Map<string, string[]>;
};

async function insertInBatches(args: {
  store: Store;
  module: string;
  count: number;
  makeDoc: (index: number) => RecordDoc;
}): Promise<void> {
  for (let start = 0; start < args.count; start += batchSize) {
    const end = Math.min(start + batchSize, args.count);
    await args.store.transaction(async (tx) => {
      for (let index = start; index < end; index += 1) {
        await tx.insert({ module: args.module, doc: args.makeDoc(index) });
      }
    });
  }
}

/**
 * Generates `accounts` accounts and `contacts` contacts straight into the store (bypassing the record
 * service: its per-record validation is not what the benchmark measures), owners spread evenly at
 * random over `ownerIds`, in transactions of 5,000 inserts.
 */
export async function seedBenchData(args: {
  store: Store;
  random: Random;
  ownerIds: readonly string[];
  accounts: number;
  contacts: number;
}): Promise<SeededData> {
  const { store, random, ownerIds } = args;
  const accountIds = Array.from({ length: args.accounts }, newRecordId);
  await insertInBatches({
    store,
    module: 'accounts',
    count: args.accounts,
    makeDoc: (index) =>
      makeAccountDoc({ random, index, id: accountIds[index] ?? '', owner: random.pick(ownerIds) }),
  });
  const contactIds = Array.from({ length: args.contacts }, newRecordId);
  const contactIdsByOwner = new Map<string, string[]>(ownerIds.map((owner) => [owner, []]));
  await insertInBatches({
    store,
    module: 'contacts',
    count: args.contacts,
    makeDoc: (index) => {
      const owner = random.pick(ownerIds);
      const id = contactIds[index] ?? '';
      contactIdsByOwner.get(owner)?.push(id);
      const reportsTo = index > 0 && random.isTrue(0.3) ? contactIds[random.below(index)] : undefined;
      return makeContactDoc({ random, index, id, owner, account: random.pick(accountIds), reportsTo });
    },
  });
  return { accountIds, contactIdsByOwner };
}
