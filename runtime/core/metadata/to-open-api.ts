import type { Principal } from '../access/types.ts';
import { isSortableField } from './is-sortable-field.ts';
import { listQueryRules } from './list-query-rules.ts';
import type { CompiledApp } from './compile-app.ts';
import type { CompiledField } from './compile-module.ts';
import { fieldJsonSchema, type JsonSchema, type JsonValue } from './field-json-schema.ts';
import { orderedReadableFields } from './ordered-readable-fields.ts';
import { type ModuleAccess, principalModuleAccess } from './principal-module-access.ts';

/** A JSON object: an OpenAPI path item, operation, parameter or response. */
export type JsonObject = { [key: string]: JsonValue };

/** An OpenAPI 3.1 document (https://spec.openapis.org/oas/v3.1.0) as plain JSON. */
export type OpenApiDocument = {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  paths: Record<string, JsonObject>;
  components: {
    schemas: Record<string, JsonSchema>;
    parameters: Record<string, JsonObject>;
    responses: Record<string, JsonObject>;
  };
};

/** Fields every readable record carries, whatever the principal's field levels. */
const alwaysPresent = ['id', 'version'];

const ref = (path: string): JsonObject => ({ $ref: `#/components/${path}` });
const json = (schema: JsonValue): JsonObject => ({ 'application/json': { schema } });

const errorSchema: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'Machine-readable, e.g. NOT_FOUND, FIELD_NOT_WRITABLE.' },
        message: { type: 'string' },
        details: { type: 'object', description: 'What went wrong, when there is more to say.' },
      },
    },
  },
};

const parameters: Record<string, JsonObject> = {
  id: { name: 'id', in: 'path', required: true, description: 'The record id.', schema: { type: 'string' } },
  filter: {
    name: 'filter',
    in: 'query',
    required: false,
    description:
      'A filter in the JSON filter language (`and`, `or`, `not`, field conditions) on fields you may read. ' +
      'A field you may not read is refused (400), never ignored. Your access scope always applies too.',
    content: json({ type: 'object' }),
  },
  limit: {
    name: 'limit',
    in: 'query',
    required: false,
    description: `Records per page (default ${listQueryRules.defaultPageSize}).`,
    schema: {
      type: 'integer',
      minimum: 1,
      maximum: listQueryRules.maxPageSize,
      default: listQueryRules.defaultPageSize,
    },
  },
  cursor: {
    name: 'cursor',
    in: 'query',
    required: false,
    description: 'The `nextCursor` of the previous page.',
    schema: { type: 'string' },
  },
  q: {
    name: 'q',
    in: 'query',
    required: false,
    description: 'Full-text search in the searchable fields you may read; `sort` and `cursor` do not apply.',
    schema: { type: 'string' },
  },
  ifMatch: {
    name: 'If-Match',
    in: 'header',
    required: false,
    description: 'The version you read; when the record has changed since, the update is refused with 409.',
    schema: { type: 'string', pattern: '^(W/)?"?[0-9]{1,15}"?$' },
  },
};

const errors = (codes: readonly string[]): JsonObject =>
  Object.fromEntries(codes.map((code) => [code, ref('responses/Error')]));

function capitalised(name: string): string {
  return `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
}

function recordSchema(own: ModuleAccess): JsonSchema {
  const fields = orderedReadableFields(own);
  return {
    type: 'object',
    title: own.module.label,
    required: alwaysPresent.filter((name) => own.readable.has(name)),
    properties: Object.fromEntries(fields.map((field) => [field.name, fieldJsonSchema(field)])),
  };
}

/** Fields an input may carry for `action`; `null` leaves a field out on create and clears it on update. */
function inputSchema(args: {
  own: ModuleAccess;
  action: 'create' | 'update';
  principal: Principal;
}): JsonSchema {
  const { own, action } = args;
  const writable = own.writable[action];
  const fields = own.module.customFields.filter(
    (field) => writable.has(field.name) && field.type !== 'autoNumber',
  );
  const isRequired = (field: CompiledField) =>
    field.def?.required === true && field.def.default === undefined;
  const properties: JsonObject = Object.fromEntries(
    fields.map((field) => {
      const schema = fieldJsonSchema(field);
      const isNullable = action === 'create' ? !isRequired(field) : field.def?.required !== true;
      return [field.name, isNullable ? { anyOf: [schema, { type: 'null' }] } : schema];
    }),
  );
  // Staff may assign an owner (the record service takes it before the field checks).
  if (args.principal.kind === 'staff' && own.readable.has('owner')) {
    properties.owner = { type: 'string', description: 'The user or `group:<name>` that owns the record.' };
  }
  const schema: JsonSchema = { type: 'object', additionalProperties: false, properties };
  if (action === 'create') schema.required = fields.filter(isRequired).map((field) => field.name);
  return schema;
}

function sortParameter(own: ModuleAccess): JsonObject {
  const names = orderedReadableFields(own)
    .filter((field) => isSortableField(field))
    .map((field) => field.name);
  const key = `[-+]?(${names.join('|')})`;
  return {
    name: 'sort',
    in: 'query',
    required: false,
    description: `Up to ${listQueryRules.maxSortKeys} comma-separated fields, \`-field\` for descending. Sortable: ${names.join(', ')}.`,
    schema: { type: 'string', pattern: `^${key}(,${key}){0,${listQueryRules.maxSortKeys - 1}}$` },
  };
}

function moduleOperations(args: {
  own: ModuleAccess;
  base: string;
  paths: Record<string, JsonObject>;
  schemas: Record<string, JsonSchema>;
  principal: Principal;
}) {
  const { own, principal } = args;
  const { name, label } = own.module;
  const type = capitalised(name);
  const tags = [name];
  const single = (schema: string, description: string): JsonObject => ({
    description,
    content: json({ type: 'object', required: ['data'], properties: { data: ref(`schemas/${schema}`) } }),
  });
  args.schemas[`${name}.Record`] = recordSchema(own);
  const collection: JsonObject = {
    get: {
      operationId: `list${type}`,
      summary: `List ${label} records`,
      tags,
      parameters: [
        ref('parameters/filter'),
        sortParameter(own),
        ref('parameters/limit'),
        ref('parameters/cursor'),
        ...(own.module.search.some((field) => own.readable.has(field)) ? [ref('parameters/q')] : []),
      ],
      responses: {
        '200': {
          description: 'One page of records.',
          content: json({
            type: 'object',
            required: ['data', 'nextCursor'],
            properties: {
              data: { type: 'array', items: ref(`schemas/${name}.Record`) },
              nextCursor: { type: ['string', 'null'], description: 'null on the last page.' },
            },
          }),
        },
        ...errors(['400', '401', '403']),
      },
    },
  };
  const item: JsonObject = {
    parameters: [ref('parameters/id')],
    get: {
      operationId: `get${type}`,
      summary: `Get one ${label} record`,
      tags,
      responses: { '200': single(`${name}.Record`, 'The record.'), ...errors(['401', '403', '404']) },
    },
  };
  if (own.actions.create) {
    args.schemas[`${name}.Create`] = inputSchema({ own, action: 'create', principal });
    collection.post = {
      operationId: `create${type}`,
      summary: `Create a ${label} record`,
      tags,
      requestBody: { required: true, content: json(ref(`schemas/${name}.Create`)) },
      responses: { '201': single(`${name}.Record`, 'The created record.'), ...errors(['400', '401', '403']) },
    };
  }
  if (own.actions.update) {
    args.schemas[`${name}.Update`] = inputSchema({ own, action: 'update', principal });
    item.patch = {
      operationId: `update${type}`,
      summary: `Update a ${label} record`,
      tags,
      parameters: [ref('parameters/ifMatch')],
      requestBody: { required: true, content: json(ref(`schemas/${name}.Update`)) },
      responses: {
        '200': single(`${name}.Record`, 'The updated record.'),
        ...errors(['400', '401', '403', '404', '409']),
      },
    };
  }
  if (own.actions.delete) {
    item.delete = {
      operationId: `delete${type}`,
      summary: `Delete a ${label} record`,
      tags,
      responses: { '204': { description: 'Deleted.' }, ...errors(['401', '403', '404']) },
    };
  }
  args.paths[`${args.base}/records/${name}`] = collection;
  args.paths[`${args.base}/records/${name}/{id}`] = item;
}

/**
 * The OpenAPI 3.1 document of the record routes `principal` may use in `audience` (DESIGN §11,
 * `/api/openapi.json`): for each module it may read (`principalModuleAccess`), `GET` and, when its
 * actions allow, `POST` on `{basePath}/records/{module}`, and `GET` plus `PATCH` (with `If-Match`) and
 * `DELETE` on `{basePath}/records/{module}/{id}`. Record schemas list the fields it may read; create
 * and update schemas the readable fields it may write (plus `owner` for staff), and refuse others
 * (`additionalProperties: false`), as the server does. Lists answer `{ data, nextCursor }`, single
 * records `{ data }`, errors `{ error: { code, message, details } }`. Modules and fields it may not
 * read are not named anywhere. `now` binds time variables in access scopes (default: the current time).
 */
export function toOpenApi(args: {
  app: CompiledApp;
  principal: Principal;
  audience: string;
  basePath: string;
  now?: Date;
}): OpenApiDocument {
  const { app, principal, audience } = args;
  const access = principalModuleAccess({ app, principal, audience, now: args.now ?? new Date() });
  const base = args.basePath.replace(/\/+$/, '');
  const paths: Record<string, JsonObject> = {};
  const schemas: Record<string, JsonSchema> = { Error: structuredClone(errorSchema) };
  for (const own of access.values()) moduleOperations({ own, base, paths, schemas, principal });
  return {
    openapi: '3.1.0',
    info: {
      title: `${app.app.label} records API`,
      version: '1',
      description: 'The record routes and fields your session may use; generated from the app metadata.',
    },
    paths,
    components: {
      schemas,
      parameters: structuredClone(parameters),
      responses: { Error: { description: 'An error.', content: json(ref('schemas/Error')) } },
    },
  };
}
