import {
  MongoClientClosedError,
  MongoError,
  MongoNetworkError,
  MongoNotConnectedError,
  MongoServerError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
} from 'mongodb';
import { AppError } from '../../core/errors.ts';
import { invalidRecord, queryTimeout, storeUnavailable, transactionsUnavailable } from './mongo-errors.ts';
import { uniqueViolation } from '../store-errors.ts';

const duplicateKey = 11000;
const maxTimeExpired = 50;
const documentValidationFailure = 121;
const illegalOperation = 20;

/** The fields of the unique index a duplicate-key error names (from `keyPattern`, else the message). */
function duplicateFields(error: MongoServerError): string[] {
  const pattern: unknown = error.keyPattern;
  const keys =
    typeof pattern === 'object' && pattern !== null
      ? Object.keys(pattern)
      : (/index: atrium_unique_(\w+)/.exec(error.message)?.[1]?.split('_') ?? []);
  return keys.filter((key) => key !== 'deletedAt').map((key) => (key === '_id' ? 'id' : key));
}

/** A standalone `mongod` refuses transaction numbers with IllegalOperation (20). */
function isTransactionsUnsupported(error: unknown): boolean {
  return (
    error instanceof MongoServerError &&
    error.code === illegalOperation &&
    /Transaction numbers are only allowed|replica set/i.test(error.message)
  );
}

/**
 * The AppError a MongoDB failure stands for, or the error itself when it is none of them: a duplicate
 * key is `UNIQUE_VIOLATION` (409, `details.field` and `details.fields`), a `$jsonSchema` refusal
 * `INVALID_RECORD` (400), `maxTimeMS` running out `QUERY_TIMEOUT` (503), an unreachable or closed
 * deployment `STORE_UNAVAILABLE` (503) and a transaction on a standalone server
 * `TRANSACTIONS_UNAVAILABLE` (503).
 */
export function translateMongoError(error: unknown): unknown {
  if (error instanceof AppError || !(error instanceof MongoError)) return error;
  if (error instanceof MongoServerError) {
    if (error.code === duplicateKey) {
      const fields = duplicateFields(error);
      const field = fields[0] ?? 'id';
      return uniqueViolation(`Another record already has this ${field}.`, { field, fields });
    }
    if (error.code === documentValidationFailure) {
      return invalidRecord('The record does not fit the collection schema (a value of the wrong type).');
    }
    if (error.code === maxTimeExpired) return queryTimeout('The query took too long and was stopped.');
    if (isTransactionsUnsupported(error)) {
      return transactionsUnavailable(
        'This MongoDB deployment cannot run multi-document transactions: run it as a replica set (a single-node replica set is enough).',
      );
    }
    return error;
  }
  if (
    error instanceof MongoNetworkError ||
    error instanceof MongoServerSelectionError ||
    error instanceof MongoTopologyClosedError ||
    error instanceof MongoNotConnectedError ||
    error instanceof MongoClientClosedError
  ) {
    return storeUnavailable('The database is unavailable.');
  }
  return error;
}
