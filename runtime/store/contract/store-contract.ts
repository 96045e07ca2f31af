import { afterEach, beforeEach, describe } from 'vitest';
import type { Store } from '../types.ts';
import { aggregateContract } from './aggregate-contract.ts';
import type { ContractContext } from './contract-context.ts';
import { contractModules } from './contract-modules.ts';
import { crudContract } from './crud-contract.ts';
import { filterCaseContract } from './filter-case-contract.ts';
import { hostileValuesContract } from './hostile-values-contract.ts';
import { paginationContract } from './pagination-contract.ts';
import { purgeContract } from './purge-contract.ts';
import { schemaContract } from './schema-contract.ts';
import { searchContract } from './search-contract.ts';
import { softDeleteContract } from './soft-delete-contract.ts';
import { sortContract } from './sort-contract.ts';
import { transactionContract } from './transaction-contract.ts';
import { uniqueContract } from './unique-contract.ts';

/**
 * Registers the behaviours every Store adapter must show (DESIGN §8) as a vitest suite named
 * `name`. `createStore` must return a new, empty store each time; the suite runs `ensureSchema`
 * with its fixture modules and closes every store it creates. Covers CRUD with `where` and
 * versions, soft delete and restore, keyset pagination, sorting every field type, full-text search,
 * aggregates, transactions, unique fields, `ensureSchema`, hostile values, purges, and the shared filter
 * case table through `find`.
 */
export function storeContract(args: { name: string; createStore: () => Store | Promise<Store> }): void {
  describe(`Store contract: ${args.name}`, () => {
    describe('behaviours', () => {
      let current: Store | undefined;
      const ctx: ContractContext = {
        store: () => {
          if (!current) throw new Error('no store: the contract creates one before each test');
          return current;
        },
      };
      beforeEach(async () => {
        const store = await args.createStore();
        await store.ensureSchema(contractModules);
        current = store;
      });
      afterEach(async () => {
        await current?.close();
        current = undefined;
      });

      describe('records', () => crudContract(ctx));
      describe('soft delete', () => softDeleteContract(ctx));
      describe('pagination', () => paginationContract(ctx));
      describe('sort', () => sortContract(ctx));
      describe('search', () => searchContract(ctx));
      describe('aggregate', () => aggregateContract(ctx));
      describe('transactions', () => transactionContract(ctx));
      describe('unique fields', () => uniqueContract(ctx));
      describe('schema', () => schemaContract(ctx));
      describe('hostile values', () => hostileValuesContract(ctx));
      describe('purge', () => purgeContract(ctx));
    });
    filterCaseContract({ createStore: args.createStore });
  });
}
