import { type FieldKind, fieldKind } from '../../core/filter/field-kind.ts';
import type { CompiledModule } from '../../core/metadata/compile-module.ts';
import { toMongoKey } from './to-mongo-key.ts';

/** A `$jsonSchema` property: the BSON types a key may hold. */
export type JsonSchemaProperty = { bsonType?: string[]; items?: { bsonType: string } };

/** The collection validator document (`{ $jsonSchema }`) for `createCollection` and `collMod`. */
export type CollectionValidator = {
  $jsonSchema: {
    bsonType: 'object';
    required: string[];
    properties: Record<string, JsonSchemaProperty>;
  };
};

const numberTypes = ['int', 'long', 'double', 'decimal'];

const typesByKind: Readonly<Record<FieldKind, JsonSchemaProperty | undefined>> = {
  text: { bsonType: ['string'] },
  number: { bsonType: numberTypes },
  boolean: { bsonType: ['bool'] },
  date: { bsonType: ['string'] },
  dateTime: { bsonType: ['string'] },
  select: { bsonType: ['string'] },
  multiSelect: { bsonType: ['array'], items: { bsonType: 'string' } },
  reference: { bsonType: ['string'] },
  referenceMany: { bsonType: ['array'], items: { bsonType: 'string' } },
  // file, image, json, address and plugin types hold whatever their type defines.
  opaque: undefined,
};

const systemProperties: Record<string, JsonSchemaProperty> = {
  _id: { bsonType: ['string'] },
  version: { bsonType: numberTypes },
  owner: { bsonType: ['string', 'null'] },
  createdAt: { bsonType: ['string'] },
  createdBy: { bsonType: ['string', 'null'] },
  updatedAt: { bsonType: ['string'] },
  updatedBy: { bsonType: ['string', 'null'] },
  deletedAt: { bsonType: ['string', 'null'] },
  deletedBy: { bsonType: ['string', 'null'] },
};

/**
 * The `$jsonSchema` validator of a module's collection: system fields with their types (all of them
 * required, `deletedAt` included — stored as an explicit null while live, which the partial unique
 * indexes rely on), and each module field's BSON type or null. Types only: constraints, options and
 * required-ness stay with the record service, and `additionalProperties` stays open so values of
 * archived or renamed fields survive.
 */
export function buildJsonSchema(module: CompiledModule): CollectionValidator {
  const properties: Record<string, JsonSchemaProperty> = {};
  for (const field of module.customFields) {
    const types = typesByKind[fieldKind(field)];
    if (!types?.bsonType) continue;
    properties[toMongoKey(field.name)] = { ...types, bsonType: [...types.bsonType, 'null'] };
  }
  return {
    $jsonSchema: {
      bsonType: 'object',
      required: ['_id', 'version', 'owner', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'deletedAt'],
      properties: { ...properties, ...systemProperties },
    },
  };
}
