import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { parseFilter } from '../filter/parse-filter.ts';
import { app, grant, portal, staff } from './access-test-fixture.ts';
import { asSystem } from './as-system.ts';
import { readableFieldPredicate } from './readable-field-predicate.ts';
import type { Principal } from './types.ts';

const contactsGrant = grant({
  actions: ['read', 'update'],
  fieldMode: 'allowList',
  fields: { lastName: 'readOnly', email: 'readWrite', account: 'readOnly' },
});
const accountsGrant = grant({ module: 'accounts', fieldMode: 'allowList', fields: { name: 'readOnly' } });
const client = portal([contactsGrant, accountsGrant]);

/** `ok`, or the error code `parseFilter` throws for `json` on contacts as `principal`. */
function outcome(args: { principal: Principal; json: Record<string, unknown> }): string {
  try {
    parseFilter({
      json: args.json,
      module: 'contacts',
      catalog: app,
      isFieldReadable: readableFieldPredicate({ app, principal: args.principal }),
    });
    return 'ok';
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

const secret = { secret: { eq: 'x' } };
const lastName = { lastName: { eq: 'Lee' } };

describe('readableFieldPredicate in parseFilter', () => {
  it.each<{ name: string; principal: Principal; json: Record<string, unknown>; result: string }>([
    { name: 'accepts a filter on a readable field', principal: client, json: lastName, result: 'ok' },
    {
      name: 'refuses a filter on a hidden field',
      principal: client,
      json: secret,
      result: 'FIELD_NOT_READABLE',
    },
    {
      name: 'refuses a hidden field with the exists operator',
      principal: client,
      json: { secret: { exists: true } },
      result: 'FIELD_NOT_READABLE',
    },
    {
      name: 'refuses a hidden field nested in and',
      principal: client,
      json: { and: [lastName, secret] },
      result: 'FIELD_NOT_READABLE',
    },
    {
      name: 'refuses a hidden field nested in or',
      principal: client,
      json: { or: [lastName, { or: [secret] }] },
      result: 'FIELD_NOT_READABLE',
    },
    {
      name: 'refuses a hidden field nested in not',
      principal: client,
      json: { not: { not: secret } },
      result: 'FIELD_NOT_READABLE',
    },
    {
      name: 'accepts a relation path to a field readable in the related module',
      principal: client,
      json: { 'account.name': { eq: 'Acme' } },
      result: 'ok',
    },
    {
      name: 'refuses a relation path to a field hidden in the related module',
      principal: client,
      json: { 'account.industry': { eq: 'tech' } },
      result: 'FIELD_NOT_READABLE',
    },
    {
      name: 'refuses a relation path into a module the principal cannot read',
      principal: portal([contactsGrant]),
      json: { 'account.name': { eq: 'Acme' } },
      result: 'FIELD_NOT_READABLE',
    },
    {
      name: 'refuses a relation path into a module granted for create only',
      principal: portal([contactsGrant, { ...accountsGrant, actions: ['create'] }]),
      json: { 'account.name': { eq: 'Acme' } },
      result: 'FIELD_NOT_READABLE',
    },
    {
      name: 'refuses a relation path through a hidden relation field',
      principal: portal([{ ...contactsGrant, fields: { lastName: 'readOnly' } }, accountsGrant]),
      json: { 'account.name': { eq: 'Acme' } },
      result: 'FIELD_NOT_READABLE',
    },
    {
      name: 'refuses a field readable in one grant but hidden in another',
      principal: staff([
        grant({ where: { owner: { eq: '$principal.id' } } }),
        grant({ fields: { secret: 'hidden' } }),
      ]),
      json: secret,
      result: 'FIELD_NOT_READABLE',
    },
    {
      name: 'refuses a field hidden in a grant for another action',
      principal: staff([grant(), grant({ actions: ['update'], fields: { secret: 'hidden' } })]),
      json: secret,
      result: 'FIELD_NOT_READABLE',
    },
    {
      name: 'accepts id for a portal principal',
      principal: client,
      json: { id: { eq: 'c1' } },
      result: 'ok',
    },
    {
      name: 'refuses owner for a portal principal',
      principal: client,
      json: { owner: { eq: 'u1' } },
      result: 'FIELD_NOT_READABLE',
    },
    {
      name: 'accepts owner for staff',
      principal: staff([grant()]),
      json: { owner: { eq: 'u1' } },
      result: 'ok',
    },
    {
      name: 'refuses every field to a principal without a read grant',
      principal: staff([grant({ actions: ['update'] })]),
      json: lastName,
      result: 'FIELD_NOT_READABLE',
    },
    {
      name: 'refuses every field to a forged system principal',
      principal: { kind: 'system', id: 'system', attributes: {}, grants: [], reason: 'forged' },
      json: lastName,
      result: 'FIELD_NOT_READABLE',
    },
    {
      name: 'accepts any field, through relations too, for a genuine system principal',
      principal: asSystem({ reason: 'tests', log: () => {} }),
      json: { and: [secret, { 'account.industry': { eq: 'tech' } }] },
      result: 'ok',
    },
  ])('$name', ({ principal, json, result }) => {
    expect(outcome({ principal, json })).toBe(result);
  });
});

describe('readableFieldPredicate', () => {
  const isReadable = readableFieldPredicate({ app, principal: client });

  it.each<{ module: string; field: string; readable: boolean }>([
    { module: 'contacts', field: 'email', readable: true },
    { module: 'contacts', field: 'secret', readable: false },
    { module: 'contacts', field: 'nosuchfield', readable: false },
    { module: 'contacts', field: 'constructor', readable: false },
    { module: 'contacts', field: '__proto__', readable: false },
    { module: 'accounts', field: 'name', readable: true },
    { module: 'leads', field: 'company', readable: false },
    { module: 'nosuchmodule', field: 'id', readable: false },
  ])('says $module.$field is readable: $readable', ({ module, field, readable }) => {
    expect(isReadable({ module, field })).toBe(readable);
  });
});
