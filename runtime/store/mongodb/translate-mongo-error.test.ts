import { MongoNetworkError, MongoServerError } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.ts';
import { translateMongoError } from './translate-mongo-error.ts';

function serverError(fields: Record<string, unknown>): MongoServerError {
  return new MongoServerError({ message: String(fields.errmsg ?? 'failed'), ...fields });
}

describe('translateMongoError', () => {
  it('turns a duplicate key into UNIQUE_VIOLATION naming the field', () => {
    const error = translateMongoError(
      serverError({
        code: 11000,
        errmsg: 'E11000 duplicate key error',
        keyPattern: { email: 1 },
        keyValue: { email: 'a' },
      }),
    );
    expect(error).toMatchObject({
      code: 'UNIQUE_VIOLATION',
      status: 409,
      details: { field: 'email', fields: ['email'] },
    });
  });

  it('names every field of a composite unique index, and id for a duplicate _id', () => {
    expect(
      translateMongoError(serverError({ code: 11000, keyPattern: { region: 1, number: 1 } })),
    ).toMatchObject({
      details: { field: 'region', fields: ['region', 'number'] },
    });
    expect(translateMongoError(serverError({ code: 11000, keyPattern: { _id: 1 } }))).toMatchObject({
      details: { field: 'id' },
    });
  });

  it('reads the field from the index name when keyPattern is missing', () => {
    const error = serverError({
      code: 11000,
      errmsg:
        'E11000 duplicate key error collection: db.items index: atrium_unique_email dup key: { email: "a" }',
    });
    expect(translateMongoError(error)).toMatchObject({ details: { field: 'email' } });
  });

  it('turns a schema refusal into INVALID_RECORD and maxTimeMS into QUERY_TIMEOUT', () => {
    expect(translateMongoError(serverError({ code: 121 }))).toMatchObject({
      code: 'INVALID_RECORD',
      status: 400,
    });
    expect(translateMongoError(serverError({ code: 50 }))).toMatchObject({
      code: 'QUERY_TIMEOUT',
      status: 503,
    });
  });

  it('turns a transaction on a standalone server into TRANSACTIONS_UNAVAILABLE', () => {
    const error = serverError({
      code: 20,
      errmsg: 'Transaction numbers are only allowed on a replica set member or mongos',
    });
    expect(translateMongoError(error)).toMatchObject({ code: 'TRANSACTIONS_UNAVAILABLE', status: 503 });
  });

  it('turns an unreachable deployment into STORE_UNAVAILABLE', () => {
    expect(translateMongoError(new MongoNetworkError('connection refused'))).toMatchObject({
      code: 'STORE_UNAVAILABLE',
      status: 503,
    });
  });

  it('passes AppErrors, other server errors and non-Mongo errors through', () => {
    const app = new AppError({ code: 'X', status: 400, message: 'x' });
    expect(translateMongoError(app)).toBe(app);
    const other = serverError({ code: 2 });
    expect(translateMongoError(other)).toBe(other);
    const plain = new Error('plain');
    expect(translateMongoError(plain)).toBe(plain);
  });
});
