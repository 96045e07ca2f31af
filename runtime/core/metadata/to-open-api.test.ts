import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { JsonSchema, JsonValue } from './field-json-schema.ts';
import { now, starterPrincipals } from './starter-principals.test-helper.ts';
import { type OpenApiDocument, toOpenApi } from './to-open-api.ts';

const fixture = await starterPrincipals();
const { app } = fixture;
type Who = Exclude<keyof typeof fixture, 'app'>;

function openApi(who: Who, audience = 'staff', basePath = '/api'): OpenApiDocument {
  return toOpenApi({ app, principal: fixture[who], audience, basePath, now });
}

function schemaOf(doc: OpenApiDocument, name: string): JsonSchema {
  const schema = doc.components.schemas[name];
  if (!schema) throw new Error(`expected schema ${name}`);
  return schema;
}

function propertiesOf(doc: OpenApiDocument, name: string): string[] {
  const properties = schemaOf(doc, name).properties;
  if (properties === null || typeof properties !== 'object' || Array.isArray(properties)) return [];
  return Object.keys(properties);
}

/** The HTTP methods documented on `path`. */
function methodsOf(doc: OpenApiDocument, path: string): string[] {
  return Object.keys(doc.paths[path] ?? {}).filter((key) => key !== 'parameters');
}

function pick(value: JsonValue | undefined, ...keys: string[]): JsonValue | undefined {
  let current = value;
  for (const key of keys) {
    if (current === null || typeof current !== 'object') return undefined;
    current = Array.isArray(current) ? current[Number(key)] : current[key];
  }
  return current;
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);

/** A validator for one component schema, compiled as JSON Schema 2020-12 (what OpenAPI 3.1 uses). */
function validatorFor(doc: OpenApiDocument, name: string) {
  return ajv.compile(schemaOf(doc, name));
}

describe('toOpenApi: operations', () => {
  // biome-ignore format: one row per line reads as a table
  it.each<{ who: Who; audience: string; module: string; collection: string[]; item: string[] }>([
    { who: 'administrator', audience: 'staff', module: 'deals', collection: ['get', 'post'], item: ['get', 'patch', 'delete'] },
    { who: 'salesRep', audience: 'staff', module: 'deals', collection: ['get', 'post'], item: ['get', 'patch'] },
    { who: 'salesRep', audience: 'staff', module: 'products', collection: ['get'], item: ['get'] },
    { who: 'client', audience: 'client', module: 'cases', collection: ['get', 'post'], item: ['get', 'patch'] },
    { who: 'client', audience: 'client', module: 'quotes', collection: ['get'], item: ['get'] },
    { who: 'client', audience: 'client', module: 'deals', collection: [], item: [] },
    { who: 'support', audience: 'staff', module: 'leads', collection: [], item: [] },
  ])('$who gets $collection on $module and $item on one record', ({ who, audience, module, collection, item }) => {
    const doc = openApi(who, audience);
    expect(methodsOf(doc, `/api/records/${module}`)).toEqual(collection);
    expect(methodsOf(doc, `/api/records/${module}/{id}`)).toEqual(item);
  });

  // biome-ignore format: one row per line reads as a table
  it.each<{ who: Who; audience: string; modules: string[] }>([
    { who: 'administrator', audience: 'staff', modules: [...app.modules.keys()] },
    { who: 'client', audience: 'client', modules: ['accounts', 'cases', 'contacts', 'documents', 'quoteLines', 'quotes'] },
    { who: 'withoutGrants', audience: 'staff', modules: [] },
    { who: 'administrator', audience: 'client', modules: [] },
    { who: 'client', audience: 'staff', modules: [] },
  ])('documents the modules $who may read in $audience', ({ who, audience, modules }) => {
    const documented = Object.keys(openApi(who, audience).paths)
      .filter((path) => !path.endsWith('/{id}'))
      .map((path) => path.replace('/api/records/', ''));
    expect(documented.sort()).toEqual([...modules].sort());
  });

  it('mounts the paths under the base path, without a doubled slash', () => {
    const paths = Object.keys(openApi('client', 'client', '/portal/client/api/').paths);
    expect(paths).toContain('/portal/client/api/records/cases');
    expect(paths).toContain('/portal/client/api/records/cases/{id}');
  });

  it('takes If-Match on PATCH', () => {
    const patch = openApi('salesRep').paths['/api/records/deals/{id}']?.patch;
    expect(pick(patch, 'parameters')).toEqual([{ $ref: '#/components/parameters/ifMatch' }]);
    expect(openApi('salesRep').components.parameters.ifMatch).toMatchObject({
      name: 'If-Match',
      in: 'header',
    });
    expect(pick(patch, 'responses', '409')).toEqual({ $ref: '#/components/responses/Error' });
  });

  it('takes filter, sort, limit, cursor and q on a list', () => {
    const list = openApi('salesRep').paths['/api/records/deals']?.get;
    const parameters = pick(list, 'parameters');
    const names = (Array.isArray(parameters) ? parameters : []).map(
      (parameter) => pick(parameter, 'name') ?? pick(parameter, '$ref'),
    );
    expect(names).toEqual([
      '#/components/parameters/filter',
      'sort',
      '#/components/parameters/limit',
      '#/components/parameters/cursor',
      '#/components/parameters/q',
    ]);
    expect(openApi('salesRep').components.parameters.filter).toMatchObject({
      name: 'filter',
      in: 'query',
      content: { 'application/json': { schema: { type: 'object' } } },
    });
  });

  it('answers a list with data and nextCursor, one record with data, errors with error', () => {
    const doc = openApi('salesRep');
    const list = pick(
      doc.paths['/api/records/deals'],
      'get',
      'responses',
      '200',
      'content',
      'application/json',
    );
    expect(pick(list, 'schema', 'required')).toEqual(['data', 'nextCursor']);
    expect(pick(list, 'schema', 'properties', 'data', 'items')).toEqual({
      $ref: '#/components/schemas/deals.Record',
    });
    const one = pick(
      doc.paths['/api/records/deals/{id}'],
      'get',
      'responses',
      '200',
      'content',
      'application/json',
    );
    expect(pick(one, 'schema')).toEqual({
      type: 'object',
      required: ['data'],
      properties: { data: { $ref: '#/components/schemas/deals.Record' } },
    });
    const error = validatorFor(doc, 'Error');
    expect(error({ error: { code: 'NOT_FOUND', message: 'Record not found', details: {} } })).toBe(true);
    expect(error({ message: 'no envelope' })).toBe(false);
  });
});

describe('toOpenApi: fields', () => {
  it('shows deals.margin to an administrator', () => {
    const doc = openApi('administrator');
    expect(propertiesOf(doc, 'deals.Record')).toContain('margin');
    expect(propertiesOf(doc, 'deals.Update')).toContain('margin');
  });

  it('never lets the word margin reach a sales rep', () => {
    const doc = openApi('salesRep');
    expect(propertiesOf(doc, 'deals.Record')).not.toContain('margin');
    expect(JSON.stringify(doc)).not.toContain('margin');
  });

  it.each(['internalNote', '$principal', 'accountScope', 'presets', 'partner'])(
    'never shows a client portal user %j',
    (word) => {
      expect(JSON.stringify(openApi('client', 'client'))).not.toContain(word);
    },
  );

  // biome-ignore format: one row per line reads as a table
  it.each<{ behaviour: string; schema: string; fields: string[] }>([
    { behaviour: 'a client reads the allow-listed case fields and the record bookkeeping', schema: 'cases.Record', fields: ['caseNumber', 'subject', 'description', 'status', 'priority', 'type', 'origin', 'account', 'contact', 'resolution', 'resolvedAt', 'satisfaction', 'id', 'version', 'createdAt', 'updatedAt'] },
    { behaviour: 'a client creates a case with the writable fields only', schema: 'cases.Create', fields: ['subject', 'description', 'priority', 'type', 'satisfaction'] },
    { behaviour: 'a client updates a case with the writable fields only', schema: 'cases.Update', fields: ['subject', 'description', 'priority', 'type', 'satisfaction'] },
  ])('$behaviour', ({ schema, fields }) => {
    expect(propertiesOf(openApi('client', 'client'), schema)).toEqual(fields);
  });

  it('lets staff assign an owner but not write read-only fields', () => {
    const properties = propertiesOf(openApi('salesRep'), 'leads.Update');
    expect(properties).toEqual(expect.arrayContaining(['firstName', 'owner']));
    expect(properties).not.toContain('convertedAccount');
  });

  it('has no schemas for actions the principal may not take', () => {
    const names = Object.keys(openApi('client', 'client').components.schemas);
    expect(names).not.toContain('quotes.Create');
    expect(names).not.toContain('quotes.Update');
    expect(names).toContain('quotes.Record');
  });

  it('requires on create the required fields without a default', () => {
    expect(schemaOf(openApi('client', 'client'), 'cases.Create').required).toEqual(['subject']);
  });

  // biome-ignore format: one row per line reads as a table
  it.each<{ behaviour: string; schema: 'cases.Create' | 'cases.Update'; input: Record<string, unknown>; isValid: boolean }>([
    { behaviour: 'accepts a case a client may create', schema: 'cases.Create', input: { subject: 'Printer on fire', priority: 'high' }, isValid: true },
    { behaviour: 'refuses a create without the required subject', schema: 'cases.Create', input: { priority: 'high' }, isValid: false },
    { behaviour: 'refuses a hidden field on create', schema: 'cases.Create', input: { subject: 'Hello', internalNote: 'x' }, isValid: false },
    { behaviour: 'refuses a read-only field on create', schema: 'cases.Create', input: { subject: 'Hello', status: 'closed' }, isValid: false },
    { behaviour: 'refuses a value outside the options', schema: 'cases.Create', input: { subject: 'Hello', priority: 'whenever' }, isValid: false },
    { behaviour: 'refuses a value breaking a field constraint', schema: 'cases.Create', input: { subject: 'Hi' }, isValid: false },
    { behaviour: 'refuses owner from a portal user', schema: 'cases.Update', input: { owner: 'u1' }, isValid: false },
    { behaviour: 'clears an optional field with null on update', schema: 'cases.Update', input: { type: null }, isValid: true },
    { behaviour: 'refuses clearing a required field on update', schema: 'cases.Update', input: { subject: null }, isValid: false },
  ])('$behaviour', ({ schema, input, isValid }) => {
    expect(validatorFor(openApi('client', 'client'), schema)(input)).toBe(isValid);
  });

  it('compiles every component schema as JSON Schema 2020-12', () => {
    const doc = openApi('administrator');
    for (const name of Object.keys(doc.components.schemas))
      expect(() => validatorFor(doc, name)).not.toThrow();
  });

  it('offers sorting only by readable, sortable fields', () => {
    const list = openApi('salesRep').paths['/api/records/deals']?.get;
    const parameters = pick(list, 'parameters');
    const sort = (Array.isArray(parameters) ? parameters : []).find((p) => pick(p, 'name') === 'sort');
    const pattern = new RegExp(String(pick(sort, 'schema', 'pattern')));
    expect(pattern.test('-closeDate,name')).toBe(true);
    expect(pattern.test('description')).toBe(false);
    expect(pattern.test('a,b,c,d')).toBe(false);
  });

  it('is plain JSON', () => {
    const doc = openApi('client', 'client');
    expect(JSON.parse(JSON.stringify(doc))).toStrictEqual(doc);
  });
});
