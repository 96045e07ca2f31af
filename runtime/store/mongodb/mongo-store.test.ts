import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { describe, expect, it } from 'vitest';
import type { FilterNode } from '../../core/filter/types.ts';
import { contractModules } from '../contract/contract-modules.ts';
import { makeRecord } from '../contract/make-record.ts';
import { storeContract } from '../contract/store-contract.ts';
import type { Store } from '../types.ts';
import { createMongoStore } from './create-mongo-store.ts';

const url = process.env.MONGODB_URL;
const everything: FilterNode = { kind: 'true' };

if (!url) {
  console.warn(
    '\n[mongo-store.test] SKIPPED: the Store contract against a real MongoDB (records, soft delete, pagination, ' +
      'sort, search, aggregate, transactions, unique fields, schema, hostile values, and the shared filter case ' +
      'table through find) and the server-side checks of the Mongo adapter — MONGODB_URL is not set. ' +
      'Point it at a replica set (transactions need one), e.g. ' +
      'MONGODB_URL="mongodb://localhost:27017/?replicaSet=rs0" npx vitest run runtime/store/mongodb\n',
  );
}

/** A store over a fresh, randomly named database, dropped when the store closes. */
function freshStore(serverUrl: string): Store {
  const dbName = `atrium_test_${randomBytes(8).toString('hex')}`;
  const store = createMongoStore({ url: serverUrl, dbName });
  return {
    ...store,
    close: async () => {
      const admin = new MongoClient(serverUrl);
      try {
        await admin.db(dbName).dropDatabase();
      } finally {
        await admin.close();
        await store.close();
      }
    },
  };
}

describe.skipIf(!url)('the Mongo store against MONGODB_URL', () => {
  storeContract({ name: 'mongodb', createStore: () => freshStore(url ?? '') });

  it('creates each module collection with $jsonSchema validation and the planned indexes', async () => {
    const serverUrl = url ?? '';
    const dbName = `atrium_test_${randomBytes(8).toString('hex')}`;
    const store = createMongoStore({ url: serverUrl, dbName });
    const client = new MongoClient(serverUrl);
    try {
      await store.ensureSchema(contractModules);
      const [info] = await client
        .db(dbName)
        .listCollections({ name: 'items' }, { nameOnly: false })
        .toArray();
      expect(info?.options?.validator).toHaveProperty('$jsonSchema');
      const names = (await client.db(dbName).collection('items').listIndexes().toArray()).map(
        (index) => index.name,
      );
      expect(names).toEqual(expect.arrayContaining(['atrium_live', 'atrium_unique_email', 'atrium_text']));
      await expect(
        store.insert({ module: 'items', doc: makeRecord({ id: 'bad', fields: { quantity: 'three' } }) }),
      ).rejects.toMatchObject({ code: 'INVALID_RECORD', status: 400 });
    } finally {
      await client.db(dbName).dropDatabase();
      await client.close();
      await store.close();
    }
  });

  it('runs a transaction on a replica set, and refuses one on a standalone server', async () => {
    const serverUrl = url ?? '';
    const client = new MongoClient(serverUrl);
    const hello = await client.db('admin').command({ hello: 1 });
    await client.close();
    const store = freshStore(serverUrl);
    try {
      await store.ensureSchema(contractModules);
      const running = store.transaction(async (tx) => tx.count({ module: 'items', where: everything }));
      if (typeof hello.setName === 'string' || hello.msg === 'isdbgrid')
        await expect(running).resolves.toBe(0);
      else await expect(running).rejects.toMatchObject({ code: 'TRANSACTIONS_UNAVAILABLE', status: 503 });
    } finally {
      await store.close();
    }
  });
});

describe('the Mongo store without a server', () => {
  const unreachable = () =>
    createMongoStore({
      url: 'mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=300&connectTimeoutMS=300',
      dbName: 'atrium_unreachable',
    });

  it('refuses backup, pointing at mongodump', async () => {
    const store = unreachable();
    await expect(store.backup('/tmp/atrium.archive')).rejects.toMatchObject({
      code: 'BACKUP_UNSUPPORTED',
      message: expect.stringContaining('mongodump'),
    });
    await store.close();
  });

  it('refuses a module ensureSchema never saw, before touching the server', async () => {
    const store = unreachable();
    await expect(store.count({ module: 'items', where: everything })).rejects.toMatchObject({
      code: 'UNKNOWN_MODULE',
      status: 404,
    });
    await store.close();
  });

  it('answers an unreachable deployment with STORE_UNAVAILABLE (503), for schema and transactions', async () => {
    const store = unreachable();
    await expect(store.ensureSchema(contractModules)).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
      status: 503,
    });
    await expect(store.transaction(async () => 'never')).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
      status: 503,
    });
    await store.close();
  });

  it('refuses a database name that is not a plain name', () => {
    for (const dbName of ['', 'a.b', 'a/b', 'x'.repeat(64), '$db']) {
      expect(() => createMongoStore({ url: 'mongodb://127.0.0.1:1', dbName }), dbName).toThrow(
        /database name/,
      );
    }
  });
});
