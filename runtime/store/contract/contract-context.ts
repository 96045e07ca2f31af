import type { Store } from '../types.ts';

/** What each part of the contract suite gets: the store of the running test (fresh per test). */
export type ContractContext = { store: () => Store };
