import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindVariables } from '../../core/filter/bind-variables.ts';
import { parseFilter } from '../../core/filter/parse-filter.ts';
import {
  defaultFilterCaseNow,
  filterCaseCatalog,
  filterCaseRecords,
  filterCases,
} from '../../../test/fixtures/filter-cases.ts';
import type { Store } from '../types.ts';
import { compileCatalogModules } from './compile-catalog-modules.ts';

/**
 * The shared filter case table (DESIGN §1.4) through `store.find` and `store.get`: the fixture
 * records are inserted once; every case must find exactly its expected ids, and a get of each
 * fixture record through the case's filter must return it exactly when it is expected (a store may
 * decide a get's scope differently from a find's, as the SQLite store does in memory).
 */
export function filterCaseContract(args: { createStore: () => Store | Promise<Store> }): void {
  describe('shared filter cases through find and get', () => {
    let store: Store;
    beforeAll(async () => {
      store = await args.createStore();
      await store.ensureSchema(compileCatalogModules(filterCaseCatalog));
      for (const [module, records] of Object.entries(filterCaseRecords)) {
        for (const record of records) {
          const { id, version } = record;
          if (typeof id !== 'string' || typeof version !== 'number')
            throw new Error('fixture record without id');
          await store.insert({
            module,
            doc: {
              owner: null,
              createdAt: '2025-01-01T00:00:00.000Z',
              createdBy: null,
              updatedAt: '2025-01-01T00:00:00.000Z',
              updatedBy: null,
              ...record,
              id,
              version,
              deletedAt: null,
            },
          });
        }
      }
    });
    afterAll(async () => {
      await store.close();
    });

    for (const filterCase of filterCases) {
      it(`${filterCase.module}: ${filterCase.name}`, async () => {
        const node = parseFilter({
          json: filterCase.filter,
          module: filterCase.module,
          catalog: filterCaseCatalog,
        });
        const where = bindVariables({
          node,
          principal: filterCase.principal ?? {},
          now: new Date(filterCase.now ?? defaultFilterCaseNow),
        });
        const page = await store.find({ module: filterCase.module, where, limit: 1000 });
        expect(page.records.map((record) => record.id).sort()).toEqual([...filterCase.expected].sort());
        const gets = await Promise.all(
          (filterCaseRecords[filterCase.module] ?? []).map((record) =>
            store.get({ module: filterCase.module, id: String(record.id), where }),
          ),
        );
        const found = gets.flatMap((record) => (record ? [record.id] : []));
        expect(found.sort(), 'get of each record through the same filter').toEqual(
          [...filterCase.expected].sort(),
        );
      });
    }
  });
}
