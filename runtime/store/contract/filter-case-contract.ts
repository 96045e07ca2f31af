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
 * The shared filter case table (DESIGN §1.4) through `store.find`: the fixture records are inserted
 * once, and every case must return exactly its expected ids.
 */
export function filterCaseContract(args: { createStore: () => Store | Promise<Store> }): void {
  describe('shared filter cases through find', () => {
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
      });
    }
  });
}
