import type { MetadataDoc, MetadataProblem, ModuleDoc } from '../../core/metadata/types.ts';
import type { ArchivedMetadata } from './types.ts';

/** Something archived that an explicit purge may remove: a field, or a whole module. */
export type PurgeTarget = {
  module: string;
  /** Absent when the whole module is purged. */
  field?: string;
  type?: string;
  /** The revision that archived it. */
  archivedIn: number;
  /** Whether the module itself is archived (then the store may not know it yet). */
  isModuleArchived: boolean;
};

function problem(args: { module: string; field?: string; message: string }): MetadataProblem {
  return {
    document: `module:${args.module}`,
    path: args.field === undefined ? '' : `/fields/${args.field}`,
    message: args.message,
  };
}

/**
 * What `module` (or `module.field`) names in the archive of the current revision. Only archived
 * data can be purged: a live module or field is refused (remove it from the metadata first, which
 * archives it), and so is a name the archive does not hold.
 */
export function findPurgeTarget(args: {
  documents: readonly MetadataDoc[];
  archived: ArchivedMetadata;
  module: string;
  field?: string;
}): { ok: true; target: PurgeTarget } | { ok: false; problems: MetadataProblem[] } {
  const { module, field } = args;
  const live = args.documents.find((d): d is ModuleDoc => d.kind === 'module' && d.name === module);
  const archivedModule = args.archived.modules.find((m) => m.module === module);
  if (field === undefined) {
    if (live) {
      const message = `module "${module}" is live: only archived data can be purged. Remove the module from the metadata first (its records are then archived), then purge it.`;
      return { ok: false, problems: [problem({ module, message })] };
    }
    if (!archivedModule) {
      const message = `there is no archived module "${module}"`;
      return { ok: false, problems: [problem({ module, message })] };
    }
    return { ok: true, target: { module, archivedIn: archivedModule.revision, isModuleArchived: true } };
  }
  if (live?.fields.some((f) => f.name === field)) {
    const message = `field "${module}.${field}" is live: only archived data can be purged. Remove the field from the module first (its values are then archived), then purge it.`;
    return { ok: false, problems: [problem({ module, field, message })] };
  }
  const archivedField = args.archived.fields.find((f) => f.module === module && f.field === field);
  if (archivedField) {
    return {
      ok: true,
      target: {
        module,
        field,
        type: archivedField.type,
        archivedIn: archivedField.revision,
        isModuleArchived: archivedModule !== undefined,
      },
    };
  }
  const inArchivedModule = archivedModule?.fields.find((f) => f.field === field);
  if (archivedModule && inArchivedModule) {
    return {
      ok: true,
      target: {
        module,
        field,
        type: inArchivedModule.type,
        archivedIn: archivedModule.revision,
        isModuleArchived: true,
      },
    };
  }
  const message = `there is no archived field "${module}.${field}"`;
  return { ok: false, problems: [problem({ module, field, message })] };
}
