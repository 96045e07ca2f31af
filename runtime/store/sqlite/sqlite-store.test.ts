import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { storeContract } from '../contract/store-contract.ts';
import { createSqliteStore } from './create-sqlite-store.ts';

const directory = mkdtempSync(join(tmpdir(), 'atrium-sqlite-contract-'));
let fileCount = 0;

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

storeContract({
  name: 'sqlite (temp file)',
  createStore: () => {
    fileCount += 1;
    return createSqliteStore({ file: join(directory, `store-${fileCount}.db`) });
  },
});

storeContract({ name: 'sqlite (:memory:)', createStore: () => createSqliteStore({ file: ':memory:' }) });
