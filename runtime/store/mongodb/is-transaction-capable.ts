import type { Document } from 'mongodb';

/**
 * Whether a deployment can run multi-document transactions, from its `hello` reply: a replica set
 * member reports `setName`, a mongos reports `msg: 'isdbgrid'`; a standalone `mongod` reports neither
 * and has no transactions at all.
 */
export function isTransactionCapable(hello: Document): boolean {
  return typeof hello.setName === 'string' || hello.msg === 'isdbgrid';
}
