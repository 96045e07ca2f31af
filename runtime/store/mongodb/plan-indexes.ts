import { type FieldKind, fieldKind } from '../../core/filter/field-kind.ts';
import type { CompiledField, CompiledModule } from '../../core/metadata/compile-module.ts';
import { toMongoKey } from './to-mongo-key.ts';

/** One index the adapter keeps on a module's collection; `name` always starts with `atrium_`. */
export type PlannedIndex = {
  name: string;
  key: Record<string, 1 | 'text'>;
  unique?: true;
  partialFilterExpression?: Record<string, unknown>;
  default_language?: string;
  language_override?: string;
};

/** Prefix of every index the adapter owns; `ensureSchema` drops an `atrium_` index no longer planned. */
export const indexPrefix = 'atrium_';

const arrayKinds: ReadonlySet<FieldKind> = new Set<FieldKind>(['multiSelect', 'referenceMany']);

/**
 * A value that takes part in a unique index. MongoDB partial filters accept only equality, `$exists:
 * true`, comparisons, `$type`, `$and` (and from 6.0 `$or`/`$in`) — no `$ne: null`, no `$exists: false`
 * — so "present and not null" is spelled as the field's own `$type`. Without it every record with no
 * value would collide on null. Array and opaque values have no single type: they fall back to
 * `$exists: true`, where nulls do collide.
 */
const presenceByKind: Readonly<Record<FieldKind, Record<string, unknown>>> = {
  text: { $type: 'string' },
  number: { $type: 'number' },
  boolean: { $type: 'bool' },
  date: { $type: 'string' },
  dateTime: { $type: 'string' },
  select: { $type: 'string' },
  multiSelect: { $exists: true },
  reference: { $type: 'string' },
  referenceMany: { $exists: true },
  opaque: { $exists: true },
};

/** Live records only: `deletedAt` is stored as an explicit null, which `$type: 'null'` can select. */
const liveOnly = { deletedAt: { $type: 'null' } };

function lookup(args: { module: CompiledModule; name: string }): CompiledField {
  const field = args.module.fields.get(args.name);
  if (!field) throw new Error(`Module '${args.module.name}' has no field '${args.name}' to index`);
  return field;
}

/** Lists, scopes and related lists filter on live records and page by id: deletedAt first, id last. */
function lookupIndex(args: { module: CompiledModule; fields: readonly string[] }): PlannedIndex | undefined {
  const fields = args.fields.map((name) => lookup({ module: args.module, name }));
  // One compound index may hold at most one array per document ("cannot index parallel arrays").
  if (fields.filter((field) => arrayKinds.has(fieldKind(field))).length > 1) return undefined;
  const key: Record<string, 1> = { deletedAt: 1 };
  for (const field of fields) key[toMongoKey(field.name)] = 1;
  key._id = 1;
  return { name: `${indexPrefix}by_${args.fields.join('_')}`, key };
}

function uniqueIndex(args: { module: CompiledModule; fields: readonly string[] }): PlannedIndex | undefined {
  const fields = args.fields.map((name) => lookup({ module: args.module, name }));
  if (fields.filter((field) => arrayKinds.has(fieldKind(field))).length > 1) return undefined;
  const key: Record<string, 1> = {};
  const partialFilterExpression: Record<string, unknown> = { ...liveOnly };
  for (const field of fields) {
    key[toMongoKey(field.name)] = 1;
    partialFilterExpression[toMongoKey(field.name)] = presenceByKind[fieldKind(field)];
  }
  return {
    name: `${indexPrefix}unique_${args.fields.join('_')}`,
    key,
    unique: true,
    partialFilterExpression,
  };
}

function textIndex(module: CompiledModule): PlannedIndex | undefined {
  if (module.search.length === 0) return undefined;
  const key: Record<string, 'text'> = {};
  for (const name of module.search) key[toMongoKey(lookup({ module, name }).name)] = 'text';
  return {
    name: `${indexPrefix}text`,
    key,
    // No stemming and no stop words: search words are literal. The default language override key is
    // `language`, a plausible field name whose values would be read as a language; `_textLanguage`
    // cannot be a field name.
    default_language: 'none',
    language_override: '_textLanguage',
  };
}

/**
 * The indexes a module's collection gets, from its metadata: live records by id (the default list
 * order), the owner field (staff scopes), every relation field (portal scopes and related lists),
 * fields marked `indexed`, the module's `indexes[]`, a partial unique index per `unique` field and
 * unique `indexes[]` entry (live records with a value only, so a soft-deleted record or a missing
 * value never collides), and one text index over the `search` fields. Names are stable, so
 * `ensureSchema` can tell what changed.
 */
export function planIndexes(module: CompiledModule): PlannedIndex[] {
  const planned: Array<PlannedIndex | undefined> = [
    { name: `${indexPrefix}live`, key: { deletedAt: 1, _id: 1 } },
    lookupIndex({ module, fields: [module.ownerField] }),
  ];
  for (const field of module.customFields) {
    if (field.def?.indexed || field.type === 'relation')
      planned.push(lookupIndex({ module, fields: [field.name] }));
    if (field.def?.unique) planned.push(uniqueIndex({ module, fields: [field.name] }));
  }
  for (const index of module.doc.indexes ?? []) {
    planned.push(
      index.unique
        ? uniqueIndex({ module, fields: index.fields })
        : lookupIndex({ module, fields: index.fields }),
    );
  }
  planned.push(textIndex(module));
  const byName = new Map<string, PlannedIndex>();
  for (const index of planned) if (index && !byName.has(index.name)) byName.set(index.name, index);
  return [...byName.values()];
}
