import { AppError, createError, invalidMetadata } from '../../core/errors.ts';
import type { CompiledApp } from '../../core/metadata/compile-app.ts';
import { loadMetadata } from '../../core/metadata/load-metadata.ts';
import type { FieldDef, MetadataProblem } from '../../core/metadata/types.ts';
import type { Store } from '../../store/types.ts';
import { systemModules } from '../records/system-modules.ts';
import { applyFieldTypeChange } from './apply-field-type-change.ts';
import { countPurge } from './count-purge.ts';
import { diffMetadata } from './diff-metadata.ts';
import { explainPurgedReturns } from './explain-purged-returns.ts';
import { findPurgeTarget, type PurgeTarget } from './find-purge-target.ts';
import { findRevision } from './find-revision.ts';
import { forEachRecordPage } from './for-each-record-page.ts';
import { insertRevision } from './insert-revision.ts';
import { isEmptyDiff } from './is-empty-diff.ts';
import { type MetadataChange, planMetadataChange } from './plan-metadata-change.ts';
import { planFieldTypeChange } from './plan-field-type-change.ts';
import { revisionFromRecord } from './revision-from-record.ts';
import { seedMetadata } from './seed-metadata.ts';
import { toSourceDocs } from './to-source-docs.ts';
import type {
  FieldTypeChangePlan,
  MetadataDiff,
  ArchivedMetadata,
  PurgedMetadata,
  PurgePlan,
  Revision,
  RevisionSummary,
  TypeChangeConfirmation,
} from './types.ts';

/** Another process saved a revision while this one was saving; reload and try again. */
const revisionConflict = createError({ code: 'REVISION_CONFLICT', status: 409 });

/** The store refused the schema the new metadata asks for (e.g. a unique index over duplicates). */
const schemaRefused = createError({ code: 'SCHEMA_REFUSED', status: 409 });

/** A failure while applying a valid change to the stored data, as a problem; undefined for other errors. */
function applyProblem(error: unknown): MetadataProblem | undefined {
  if (!(error instanceof AppError)) return undefined;
  if (error.code === 'SCHEMA_REFUSED') return { document: '(store)', path: '', message: error.message };
  if (error.code !== 'UNIQUE_VIOLATION') return undefined;
  const field = typeof error.details?.field === 'string' ? error.details.field : undefined;
  return {
    document: '(records)',
    path: field ? `/${field}` : '',
    message: `converting the records would break a unique field: ${error.message} Nothing was changed.`,
  };
}

/** The outcome of a save or restore: the new (or, when nothing changed, the current) revision, or every problem. */
export type SaveResult =
  | { ok: true; revision: RevisionSummary; isUnchanged: boolean }
  | { ok: false; problems: MetadataProblem[] };

/** What saving `documents` would do, without doing it (`atrium metadata import --dry-run`). */
export type PreviewResult =
  | {
      ok: true;
      /** The revision the preview compares against. */
      base: number;
      diff: MetadataDiff;
      /** The archive after the change. */
      archived: ArchivedMetadata;
      /** The dry run of every type change the save would need confirmed. */
      typeChanges: FieldTypeChangePlan[];
    }
  | { ok: false; problems: MetadataProblem[] };

/** The dry run of a purge, or why it is refused. */
export type PurgePlanResult = { ok: true; plan: PurgePlan } | { ok: false; problems: MetadataProblem[] };

/**
 * The outcome of a purge: the revision that records it and how many records it changed (a field)
 * or deleted (a module); or every problem, with the plan when only the confirmation was missing.
 */
export type PurgeResult =
  | { ok: true; revision: RevisionSummary; removed: number }
  | { ok: false; problems: MetadataProblem[]; plan?: PurgePlan };

/** The running app's metadata: the current compiled app, and saving, restoring and listing revisions. */
export type MetadataHost = {
  /** The current compiled app (frozen). Swapped atomically after each save; never half-updated. */
  getApp(): CompiledApp;
  /** The current revision. */
  current(): RevisionSummary;
  /** Plans saving `documents`: problems, or the diff, archive and type-change dry runs. Changes nothing. */
  preview(args: { documents: readonly unknown[] }): Promise<PreviewResult>;
  /**
   * Validates `documents` as the whole new metadata and stores them as the next revision, then swaps
   * the compiled app. A type change must be listed in `confirmTypeChanges` (after its dry run). On
   * any problem nothing changes. Saves run one at a time; documents equal to the current revision
   * store nothing (`isUnchanged`).
   */
  save(args: {
    documents: readonly unknown[];
    author: string;
    message?: string;
    confirmTypeChanges?: readonly TypeChangeConfirmation[];
  }): Promise<SaveResult>;
  /** Saves an earlier revision's documents as a new revision (`restoredFrom` set). */
  restore(args: {
    number: number;
    author: string;
    message?: string;
    confirmTypeChanges?: readonly TypeChangeConfirmation[];
  }): Promise<SaveResult>;
  /** Every revision, newest first, without documents. */
  revisions(): Promise<RevisionSummary[]>;
  /**
   * What purging the archived field `module.field` (or the archived module, without `field`) would
   * remove, counted over live and soft-deleted records. Changes nothing.
   */
  planPurge(args: { module: string; field?: string }): Promise<PurgePlanResult>;
  /**
   * Removes archived data for good (DESIGN §3: deleting archives, only an explicit purge deletes):
   * an archived field's values and its type-change archive copies from every record, or every
   * record of an archived module (its table/collection dropped). Refuses anything live, and anything
   * without `confirm: true` (then answering with the plan). Recorded as a new revision (same
   * documents, the item gone from the archive, `purged` set) so it shows in the history; restoring
   * an earlier revision that has the field or module brings it back empty.
   */
  purge(args: {
    module: string;
    field?: string;
    author: string;
    confirm: boolean;
    message?: string;
  }): Promise<PurgeResult>;
  /** One revision with its documents; null when there is none with that number. */
  revision(number: number): Promise<Revision | null>;
};

type Current = { app: CompiledApp; revision: Revision };

function summary(revision: Revision): RevisionSummary {
  const { documents: _documents, ...rest } = revision;
  return rest;
}

function compileRevision(args: { revision: Revision; fieldTypes?: ReadonlySet<string> }): CompiledApp {
  const loaded = loadMetadata({
    sources: toSourceDocs(args.revision.documents),
    fieldTypes: args.fieldTypes,
  });
  if (!loaded.ok) {
    throw invalidMetadata(`Stored metadata revision ${args.revision.number} does not load`, {
      problems: loaded.problems,
    });
  }
  return loaded.app;
}

function fieldDef(args: { change: MetadataChange; module: string; field: string }): FieldDef | undefined {
  return args.change.app.modules.get(args.module)?.fields.get(args.field)?.def;
}

function unconfirmedProblem(change: {
  module: string;
  field: string;
  from: string;
  to: string;
}): MetadataProblem {
  return {
    document: `module:${change.module}`,
    path: `/fields/${change.field}/type`,
    message: `field "${change.module}.${change.field}" changes type from ${change.from} to ${change.to}: run the dry run first (planFieldTypeChange, or atrium metadata import --dry-run) to see which values convert, then confirm the change (confirmTypeChanges). Every old value is kept either way.`,
  };
}

/**
 * Starts the metadata of a running system from the store: seeds an empty store with `seed()`
 * (normally the documents of `metadata/starter/`) as revision 1, compiles the latest revision and
 * makes sure the store has the tables of the system modules and of every app module.
 */
export async function createMetadataHost(args: {
  store: Store;
  seed: () => readonly unknown[] | Promise<readonly unknown[]>;
  fieldTypes?: ReadonlySet<string>;
  now?: () => Date;
}): Promise<MetadataHost> {
  const { store, fieldTypes } = args;
  const now = args.now ?? (() => new Date());
  await store.ensureSchema(systemModules.values());
  const latest = await findRevision({ store, number: 'latest' });
  const revision =
    latest ?? (await seedMetadata({ store, documents: await args.seed(), now, fieldTypes })).revision;
  let current: Current = { app: compileRevision({ revision, fieldTypes }), revision };
  await store.ensureSchema(current.app.modules.values());
  let queue: Promise<unknown> = Promise.resolve();

  /** Runs saves one after another: each sees the revision the previous one made. */
  function serialise<T>(fn: () => Promise<T>): Promise<T> {
    const result = queue.then(fn);
    queue = result.catch(() => undefined);
    return result;
  }

  /** Catches up with a revision another process (another server, the CLI) saved to the same store. */
  async function refresh(): Promise<void> {
    const stored = await findRevision({ store, number: 'latest' });
    if (!stored || stored.number === current.revision.number) return;
    const app = compileRevision({ revision: stored, fieldTypes });
    await store.ensureSchema(app.modules.values());
    current = { app, revision: stored };
  }

  function plan(documents: readonly unknown[]) {
    return planMetadataChange({
      base: current.revision,
      documents,
      revision: current.revision.number + 1,
      fieldTypes,
    });
  }

  async function save(input: {
    documents: readonly unknown[];
    author: string;
    message?: string;
    confirmTypeChanges?: readonly TypeChangeConfirmation[];
    restoredFrom?: number;
  }): Promise<SaveResult> {
    await refresh();
    const planned = plan(input.documents);
    if (!planned.ok) return planned;
    const { change } = planned;
    if (isEmptyDiff(change.diff) && change.typeChanges.length === 0) {
      return { ok: true, revision: summary(current.revision), isUnchanged: true };
    }
    const confirmed = input.confirmTypeChanges ?? [];
    const unconfirmed = change.typeChanges.filter(
      (c) => !confirmed.some((x) => x.module === c.module && x.field === c.field && x.toType === c.to),
    );
    if (unconfirmed.length > 0) return { ok: false, problems: unconfirmed.map(unconfirmedProblem) };
    const returns =
      input.restoredFrom === undefined
        ? []
        : explainPurgedReturns({
            diff: change.diff,
            documents: change.documents,
            restoredFrom: input.restoredFrom,
            purges: (await listRevisions()).flatMap((r) =>
              r.purged ? [{ number: r.number, purged: r.purged }] : [],
            ),
          });
    const message = [input.message ?? '', ...returns].filter((part) => part !== '').join('; ');
    const base = current.revision.number;
    const number = base + 1;
    const at = now().toISOString();
    let revision: Revision;
    try {
      revision = await store.transaction(async (tx) => {
        const stored = await findRevision({ store: tx, number: 'latest' });
        if (stored?.number !== base) {
          throw revisionConflict(
            `Metadata revision ${stored?.number} was saved meanwhile; reload and save again`,
          );
        }
        await tx.ensureSchema([...change.app.modules.values()]).catch((error: unknown) => {
          throw schemaRefused(`The store cannot take the new schema: ${(error as Error).message}`);
        });
        const applied = [];
        for (const typeChange of change.typeChanges) {
          const target = fieldDef({ change, module: typeChange.module, field: typeChange.field });
          applied.push(
            await applyFieldTypeChange({
              tx,
              change: typeChange,
              target,
              revision: number,
              at,
              by: input.author,
            }),
          );
        }
        return insertRevision({
          store: tx,
          number,
          author: input.author,
          message,
          at,
          documents: change.documents,
          diff: change.diff,
          archived: change.archived,
          typeChanges: applied,
          ...(input.restoredFrom === undefined ? {} : { restoredFrom: input.restoredFrom }),
        });
      });
    } catch (error) {
      // The transaction rolled back; the store may still describe the new schema to itself.
      await store.ensureSchema(current.app.modules.values());
      const problem = applyProblem(error);
      if (problem) return { ok: false, problems: [problem] };
      throw error;
    }
    current = { app: change.app, revision };
    return { ok: true, revision: summary(revision), isUnchanged: false };
  }

  async function listRevisions(): Promise<RevisionSummary[]> {
    const all: RevisionSummary[] = [];
    await forEachRecordPage({
      store,
      module: 'atriumRevisions',
      // Each revision holds a whole app's documents: keep pages small.
      pageSize: 50,
      visit: (records) => {
        for (const record of records) all.push(summary(revisionFromRecord(record)));
      },
    });
    return all.sort((a, b) => b.number - a.number);
  }

  /**
   * The store knows the modules of the current app; an archived module it may not know (since a
   * restart): register it in the form the last revision that showed it had.
   */
  async function registerArchivedModule(target: PurgeTarget): Promise<void> {
    if (!target.isModuleArchived) return;
    const archivedModule = current.revision.archived.modules.find((m) => m.module === target.module);
    const lastShown = await findRevision({
      store,
      number: (archivedModule?.revision ?? target.archivedIn) - 1,
    });
    const module = lastShown
      ? compileRevision({ revision: lastShown, fieldTypes }).modules.get(target.module)
      : undefined;
    if (!module) throw new Error(`No revision shows the archived module "${target.module}"`);
    await store.ensureSchema([module]);
  }

  async function planOf(target: PurgeTarget): Promise<PurgePlan> {
    await registerArchivedModule(target);
    const archiveKeys = new Set<string>();
    if (target.field !== undefined) {
      for (const r of await listRevisions()) {
        for (const t of r.typeChanges) {
          if (t.module === target.module && t.field === target.field) archiveKeys.add(t.archiveKey);
        }
      }
    }
    const keys = [...archiveKeys].sort();
    const counts = await countPurge({ store, module: target.module, field: target.field, archiveKeys: keys });
    return {
      module: target.module,
      ...(target.field === undefined ? {} : { field: target.field }),
      ...(target.type === undefined ? {} : { type: target.type }),
      archivedIn: target.archivedIn,
      archiveKeys: keys,
      records: counts.live + counts.deleted,
      live: counts.live,
      deleted: counts.deleted,
    };
  }

  function archiveWithout(target: PurgeTarget): ArchivedMetadata {
    const { archived } = current.revision;
    const { module, field } = target;
    if (field === undefined) {
      return {
        modules: archived.modules.filter((m) => m.module !== module),
        fields: archived.fields.filter((f) => f.module !== module),
      };
    }
    return {
      modules: archived.modules.map((m) =>
        m.module === module ? { ...m, fields: m.fields.filter((f) => f.field !== field) } : m,
      ),
      fields: archived.fields.filter((f) => !(f.module === module && f.field === field)),
    };
  }

  async function purge(input: {
    module: string;
    field?: string;
    author: string;
    confirm: boolean;
    message?: string;
  }): Promise<PurgeResult> {
    await refresh();
    const found = findPurgeTarget({
      documents: current.revision.documents,
      archived: current.revision.archived,
      module: input.module,
      ...(input.field === undefined ? {} : { field: input.field }),
    });
    if (!found.ok) return found;
    const { target } = found;
    const plan = await planOf(target);
    const name = target.field === undefined ? `module ${target.module}` : `${target.module}.${target.field}`;
    if (input.confirm !== true) {
      return {
        ok: false,
        plan,
        problems: [
          {
            document: `module:${target.module}`,
            path: target.field === undefined ? '' : `/fields/${target.field}`,
            message: `nothing was purged: purging ${name} deletes ${plan.records} record(s)' data for good; review the plan and confirm the purge (confirm: true, or --confirm)`,
          },
        ],
      };
    }
    const base = current.revision.number;
    const number = base + 1;
    const at = now().toISOString();
    const { documents } = current.revision;
    const revision = await store.transaction(async (tx) => {
      const stored = await findRevision({ store: tx, number: 'latest' });
      if (stored?.number !== base) {
        throw revisionConflict(`Metadata revision ${stored?.number} was saved meanwhile; purge again`);
      }
      const records =
        target.field === undefined
          ? plan.records
          : await tx.purgeField({
              module: target.module,
              field: target.field,
              archiveKeys: plan.archiveKeys,
            });
      const what =
        target.field === undefined
          ? `${records} record(s) deleted`
          : `values removed from ${records} record(s)` +
            (plan.archiveKeys.length > 0 ? `, with the archive copies ${plan.archiveKeys.join(', ')}` : '');
      const kind = target.field === undefined ? 'module' : 'field';
      const purged: PurgedMetadata = {
        module: target.module,
        ...(target.field === undefined ? {} : { field: target.field }),
        ...(target.type === undefined ? {} : { type: target.type }),
        archivedIn: target.archivedIn,
        archiveKeys: plan.archiveKeys,
        records,
      };
      return insertRevision({
        store: tx,
        number,
        author: input.author,
        message:
          input.message ??
          `purge ${name} (archived in revision ${target.archivedIn}): ${what}; restoring a revision that has the ${kind} brings it back empty`,
        at,
        documents,
        diff: diffMetadata({ before: documents, after: documents }),
        archived: archiveWithout(target),
        typeChanges: [],
        purged,
      });
    });
    current = { app: current.app, revision };
    // MongoDB cannot drop a collection inside a transaction: the module goes once its purge is
    // recorded (a failure here leaves records behind, never loses ones still wanted).
    const removed =
      target.field === undefined
        ? await store.dropModule({ module: target.module })
        : (revision.purged?.records ?? 0);
    return { ok: true, revision: summary(revision), removed };
  }

  return {
    getApp: () => current.app,
    current: () => summary(current.revision),
    preview: ({ documents }) =>
      serialise(async () => {
        await refresh();
        const planned = plan(documents);
        if (!planned.ok) return planned;
        const { change } = planned;
        const typeChanges: FieldTypeChangePlan[] = [];
        for (const c of change.typeChanges) {
          typeChanges.push(
            await planFieldTypeChange({
              store,
              app: current.app,
              module: c.module,
              field: c.field,
              fromType: c.from,
              toType: c.to,
              target: fieldDef({ change, module: c.module, field: c.field }),
            }),
          );
        }
        return {
          ok: true,
          base: current.revision.number,
          diff: change.diff,
          archived: change.archived,
          typeChanges,
        };
      }),
    save: (input) => serialise(() => save(input)),
    restore: ({ number, author, message, confirmTypeChanges }) =>
      serialise(async () => {
        const earlier = await findRevision({ store, number });
        if (!earlier) {
          return {
            ok: false,
            problems: [{ document: '(revisions)', path: '', message: `there is no revision ${number}` }],
          };
        }
        return save({
          documents: earlier.documents,
          author,
          message: message ?? `Restore revision ${number}`,
          confirmTypeChanges,
          restoredFrom: number,
        });
      }),
    revisions: listRevisions,
    planPurge: ({ module, field }) =>
      serialise(async (): Promise<PurgePlanResult> => {
        await refresh();
        const found = findPurgeTarget({
          documents: current.revision.documents,
          archived: current.revision.archived,
          module,
          ...(field === undefined ? {} : { field }),
        });
        if (!found.ok) return found;
        return { ok: true, plan: await planOf(found.target) };
      }),
    purge: (input) => serialise(() => purge(input)),
    revision: (number) => findRevision({ store, number }),
  };
}
