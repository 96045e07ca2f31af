import { describe, expect, it } from 'vitest';
import { compileModule } from '../../core/metadata/compile-module.ts';
import { itemsDoc } from '../contract/contract-modules.ts';
import { buildJsonSchema } from './build-json-schema.ts';

const schema = buildJsonSchema(compileModule(itemsDoc)).$jsonSchema;
const numbers = ['int', 'long', 'double', 'decimal'];

describe('buildJsonSchema', () => {
  it('types text-like, date and select fields as string or null', () => {
    for (const name of [
      'name',
      'description',
      'body',
      'email',
      'phone',
      'website',
      'code',
      'dueOn',
      'seenAt',
      'status',
      'vendor',
    ]) {
      expect(schema.properties[name], name).toEqual({ bsonType: ['string', 'null'] });
    }
  });

  it('types number fields as any numeric BSON type or null', () => {
    for (const name of ['quantity', 'weight', 'price', 'discount', 'stars']) {
      expect(schema.properties[name], name).toEqual({ bsonType: [...numbers, 'null'] });
    }
  });

  it('types booleans as bool or null', () => {
    expect(schema.properties.isActive).toEqual({ bsonType: ['bool', 'null'] });
  });

  it('types multiSelect and many relations as arrays of strings or null', () => {
    for (const name of ['tags', 'suppliers']) {
      expect(schema.properties[name], name).toEqual({
        bsonType: ['array', 'null'],
        items: { bsonType: 'string' },
      });
    }
  });

  it('leaves file, image, json and address values unconstrained', () => {
    for (const name of ['attachment', 'photo', 'meta', 'address'])
      expect(schema.properties[name], name).toBeUndefined();
  });

  it('types and requires the system fields, deletedAt included', () => {
    expect(schema.properties._id).toEqual({ bsonType: ['string'] });
    expect(schema.properties.version).toEqual({ bsonType: numbers });
    expect(schema.properties.deletedAt).toEqual({ bsonType: ['string', 'null'] });
    expect(schema.properties.owner).toEqual({ bsonType: ['string', 'null'] });
    expect(schema.required).toEqual(
      expect.arrayContaining([
        '_id',
        'version',
        'owner',
        'createdAt',
        'createdBy',
        'updatedAt',
        'updatedBy',
        'deletedAt',
      ]),
    );
  });

  it('stays open to keys it does not list, so archived fields survive', () => {
    expect(schema).not.toHaveProperty('additionalProperties');
    expect(schema.bsonType).toBe('object');
  });

  it('types a plugin field as nothing in particular', () => {
    const module = compileModule({
      kind: 'module',
      name: 'things',
      label: 'Thing',
      titleField: 'color',
      fields: [{ name: 'color', type: 'plugin:color', label: 'Color' }],
    });
    expect(buildJsonSchema(module).$jsonSchema.properties.color).toBeUndefined();
  });
});
