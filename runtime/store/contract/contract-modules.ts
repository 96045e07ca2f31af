import { compileModule } from '../../core/metadata/compile-module.ts';
import type { ModuleDoc } from '../../core/metadata/types.ts';

const options = (values: string[]) => values.map((value) => ({ value, label: value }));

/** `vendors`: the target of the `items` relations; a unique `sku` and a searchable name. */
export const vendorsDoc: ModuleDoc = {
  kind: 'module',
  name: 'vendors',
  label: 'Vendor',
  titleField: 'name',
  search: ['name'],
  fields: [
    { name: 'name', type: 'text', label: 'Name' },
    { name: 'sku', type: 'text', label: 'SKU', unique: true },
    {
      name: 'country',
      type: 'select',
      label: 'Country',
      options: options(['fr', 'us', 'dk']),
      indexed: true,
    },
  ],
};

/** `items`: one field of every built-in type, a unique email, indexes and three search fields. */
export const itemsDoc: ModuleDoc = {
  kind: 'module',
  name: 'items',
  label: 'Item',
  titleField: 'name',
  search: ['name', 'description', 'body'],
  indexes: [{ fields: ['status', 'dueOn'] }, { fields: ['owner', 'createdAt'] }],
  fields: [
    { name: 'name', type: 'text', label: 'Name', indexed: true },
    { name: 'description', type: 'longText', label: 'Description' },
    { name: 'body', type: 'richText', label: 'Body' },
    { name: 'email', type: 'email', label: 'Email', unique: true },
    { name: 'phone', type: 'phone', label: 'Phone' },
    { name: 'website', type: 'url', label: 'Website' },
    { name: 'code', type: 'autoNumber', label: 'Code', autoNumber: { prefix: 'I-', start: 1, padding: 4 } },
    { name: 'quantity', type: 'integer', label: 'Quantity' },
    { name: 'weight', type: 'number', label: 'Weight' },
    { name: 'price', type: 'currency', label: 'Price' },
    { name: 'discount', type: 'percent', label: 'Discount' },
    { name: 'stars', type: 'rating', label: 'Stars' },
    { name: 'isActive', type: 'boolean', label: 'Active' },
    { name: 'dueOn', type: 'date', label: 'Due on' },
    { name: 'seenAt', type: 'dateTime', label: 'Seen at' },
    { name: 'status', type: 'select', label: 'Status', options: options(['new', 'open', 'won', 'lost']) },
    { name: 'tags', type: 'multiSelect', label: 'Tags', options: options(['red', 'green', 'blue']) },
    {
      name: 'vendor',
      type: 'relation',
      label: 'Vendor',
      relation: { module: 'vendors', cardinality: 'one', onDelete: 'setNull' },
    },
    {
      name: 'suppliers',
      type: 'relation',
      label: 'Suppliers',
      relation: { module: 'vendors', cardinality: 'many', onDelete: 'setNull' },
    },
    { name: 'attachment', type: 'file', label: 'Attachment' },
    { name: 'photo', type: 'image', label: 'Photo' },
    { name: 'meta', type: 'json', label: 'Meta' },
    { name: 'address', type: 'address', label: 'Address' },
  ],
};

/** The contract's modules, compiled. */
export const contractModules = [compileModule(vendorsDoc), compileModule(itemsDoc)];
