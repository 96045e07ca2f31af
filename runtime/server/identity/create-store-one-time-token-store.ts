import type {
  OneTimeTokenData,
  OneTimeTokenPurpose,
  OneTimeTokenRecord,
  OneTimeTokenStore,
} from '../../auth/one-time-token/types.ts';
import type { RecordDoc, Store } from '../../store/types.ts';
import { fieldConditions } from '../records/field-conditions.ts';
import { identityModules } from './identity-modules.ts';

const module = 'atriumTokens';
const tokens = identityModules.get(module);
const everything = { kind: 'true' } as const;

function toRecord(doc: RecordDoc): OneTimeTokenRecord {
  return {
    hash: doc.id,
    purpose: String(doc.purpose) as OneTimeTokenPurpose,
    subject: String(doc.subject),
    data: (doc.data ?? {}) as OneTimeTokenData,
    createdAt: Number(doc.issuedAt),
    expiresAt: Number(doc.expiresAt),
  };
}

/**
 * One-time tokens kept in the store (`atriumTokens`, id = the token's hash). `take` is atomic: the
 * soft delete is one conditional statement, so of concurrent takes exactly one succeeds.
 */
export function createStoreOneTimeTokenStore(store: Store): OneTimeTokenStore {
  if (!tokens) throw new Error('identity modules are missing atriumTokens');
  const removeWhere = async (tx: Store, where: ReturnType<typeof fieldConditions>) => {
    const at = new Date().toISOString();
    let removed = 0;
    for (;;) {
      const page = await tx.find({ module, where, limit: 500 });
      for (const doc of page.records)
        if (await tx.remove({ module, id: doc.id, where: everything, deletedAt: at, deletedBy: null }))
          removed++;
      if (page.records.length < 500) return removed;
    }
  };
  const forSubject = (purpose: string, subject: string) =>
    fieldConditions({
      module: tokens,
      conditions: [
        ['purpose', 'eq', purpose],
        ['subject', 'eq', subject],
      ],
    });
  return {
    replace: (record) =>
      store.transaction(async (tx) => {
        await removeWhere(tx, forSubject(record.purpose, record.subject));
        const at = new Date(record.createdAt).toISOString();
        await tx.insert({
          module,
          doc: {
            id: record.hash,
            version: 1,
            owner: null,
            createdAt: at,
            createdBy: null,
            updatedAt: at,
            updatedBy: null,
            deletedAt: null,
            purpose: record.purpose,
            subject: record.subject,
            data: record.data,
            issuedAt: record.createdAt,
            expiresAt: record.expiresAt,
          },
        });
      }),
    async take(hash) {
      const doc = await store.get({ module, id: hash, where: everything });
      if (!doc) return null;
      const taken = await store.remove({
        module,
        id: hash,
        where: everything,
        deletedAt: new Date().toISOString(),
        deletedBy: null,
      });
      return taken ? toRecord(doc) : null;
    },
    async get(hash) {
      const doc = await store.get({ module, id: hash, where: everything });
      return doc ? toRecord(doc) : null;
    },
    deleteFor: ({ purpose, subject }) =>
      store.transaction((tx) => removeWhere(tx, forSubject(purpose, subject))),
    deleteExpired: (now) =>
      store.transaction((tx) =>
        removeWhere(tx, fieldConditions({ module: tokens, conditions: [['expiresAt', 'lte', now]] })),
      ),
  };
}
