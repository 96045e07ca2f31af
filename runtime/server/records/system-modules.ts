import { type CompiledModule, compileModule } from '../../core/metadata/compile-module.ts';
import type { ModuleDoc } from '../../core/metadata/types.ts';

/** Modules the runtime keeps for itself. Never part of the app's metadata, never served as records. */
const systemModuleDocs: ModuleDoc[] = [
  {
    kind: 'module',
    name: 'atriumAudit',
    label: 'Audit entry',
    titleField: 'action',
    indexes: [{ fields: ['module', 'recordId'] }, { fields: ['at'] }],
    fields: [
      { name: 'at', type: 'dateTime', label: 'At' },
      { name: 'actor', type: 'text', label: 'Actor' },
      { name: 'actorKind', type: 'text', label: 'Actor kind' },
      { name: 'action', type: 'text', label: 'Action' },
      { name: 'module', type: 'text', label: 'Module' },
      { name: 'recordId', type: 'text', label: 'Record' },
      { name: 'changes', type: 'json', label: 'Changes' },
      { name: 'reason', type: 'text', label: 'Reason' },
    ],
  },
  {
    kind: 'module',
    name: 'atriumSequences',
    label: 'Sequence',
    titleField: 'value',
    fields: [{ name: 'value', type: 'integer', label: 'Value' }],
  },
  {
    kind: 'module',
    name: 'atriumRevisions',
    label: 'Metadata revision',
    titleField: 'number',
    indexes: [{ fields: ['number'], unique: true }],
    fields: [
      { name: 'number', type: 'integer', label: 'Number', unique: true },
      { name: 'author', type: 'text', label: 'Author' },
      { name: 'message', type: 'text', label: 'Message' },
      { name: 'documents', type: 'json', label: 'Documents' },
      { name: 'diff', type: 'json', label: 'Diff' },
      { name: 'restoredFrom', type: 'integer', label: 'Restored from' },
      // Removed fields and modules whose values the store still keeps, as of this revision.
      { name: 'archived', type: 'json', label: 'Archived' },
      // Confirmed type changes this revision applied to the records (archive key and counts).
      { name: 'typeChanges', type: 'json', label: 'Type changes' },
      // What an explicit purge removed (`atrium metadata purge`); absent on other revisions.
      { name: 'purged', type: 'json', label: 'Purged' },
    ],
  },
];

/** The compiled system modules, by name. */
export const systemModules: ReadonlyMap<string, CompiledModule> = new Map(
  systemModuleDocs.map((doc) => [doc.name, compileModule(doc)]),
);
