import type { MetadataDoc, ModuleDoc } from '../../core/metadata/types.ts';
import { diffJson } from './diff-json.ts';
import { documentKey } from './document-key.ts';
import type { FieldSummary, FieldTypeChange, MetadataDiff } from './types.ts';

function modulesOf(docs: readonly MetadataDoc[]): Map<string, ModuleDoc> {
  const modules = new Map<string, ModuleDoc>();
  for (const doc of docs) if (doc.kind === 'module') modules.set(doc.name, doc);
  return modules;
}

function diffFields(args: { module: string; before: ModuleDoc; after: ModuleDoc; diff: MetadataDiff }): void {
  const { module, diff } = args;
  const before = new Map(args.before.fields.map((f) => [f.name, f]));
  const after = new Map(args.after.fields.map((f) => [f.name, f]));
  for (const [field, def] of before) {
    const next = after.get(field);
    if (!next) diff.fields.removed.push({ module, field, type: def.type });
    else if (next.type !== def.type)
      diff.fields.typeChanged.push({ module, field, from: def.type, to: next.type });
  }
  for (const [field, def] of after) {
    if (!before.has(field)) diff.fields.added.push({ module, field, type: def.type });
  }
}

/**
 * The reviewable difference between two sets of metadata documents: documents added, removed and
 * changed (with every changed path), modules added and removed, and per module the fields added,
 * removed and whose type changed. Documents are matched by `kind:name`; their order does not count.
 */
export function diffMetadata(args: {
  before: readonly MetadataDoc[];
  after: readonly MetadataDoc[];
}): MetadataDiff {
  const diff: MetadataDiff = {
    documents: { added: [], removed: [], changed: [] },
    modules: { added: [], removed: [] },
    fields: {
      added: [] as FieldSummary[],
      removed: [] as FieldSummary[],
      typeChanged: [] as FieldTypeChange[],
    },
  };
  const before = new Map(args.before.map((doc) => [documentKey(doc), doc]));
  const after = new Map(args.after.map((doc) => [documentKey(doc), doc]));
  for (const [key, doc] of before) {
    const next = after.get(key);
    if (!next) {
      diff.documents.removed.push(key);
      continue;
    }
    const changes = diffJson({ before: doc, after: next });
    if (changes.length > 0) diff.documents.changed.push({ document: key, changes });
  }
  for (const key of after.keys()) if (!before.has(key)) diff.documents.added.push(key);
  const modulesBefore = modulesOf(args.before);
  const modulesAfter = modulesOf(args.after);
  for (const [name, doc] of modulesBefore) {
    const next = modulesAfter.get(name);
    if (!next) diff.modules.removed.push(name);
    else diffFields({ module: name, before: doc, after: next, diff });
  }
  for (const name of modulesAfter.keys()) if (!modulesBefore.has(name)) diff.modules.added.push(name);
  return diff;
}
