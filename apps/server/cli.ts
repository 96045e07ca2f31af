import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { publishedSchema } from '../../runtime/core/metadata/published-schema.ts';
import { type MetadataProblem, metadataKinds } from '../../runtime/core/metadata/types.ts';
import { describePreview } from '../../runtime/server/metadata/describe-preview.ts';
import { describePurgePlan } from '../../runtime/server/metadata/describe-purge-plan.ts';
import { createMetadataHost, type MetadataHost } from '../../runtime/server/metadata/metadata-host.ts';
import { parseMetadataBundle } from '../../runtime/server/metadata/parse-metadata-bundle.ts';
import { readStarterDocuments } from '../../runtime/server/metadata/read-starter-documents.ts';
import { restoreDatabaseFile } from '../../runtime/server/metadata/restore-database-file.ts';
import { toMetadataBundle } from '../../runtime/server/metadata/to-metadata-bundle.ts';
import { validateMetadataDir } from '../../runtime/server/metadata/validate-metadata-dir.ts';
import { createSqliteStore } from '../../runtime/store/sqlite/create-sqlite-store.ts';

const usage = `Usage: atrium <command>

Commands:
  metadata validate [dir]   Check every metadata document in dir (default metadata/starter);
                            prints every problem and exits 1 when there are any.
  metadata schemas [dir]    Write the JSON Schemas of every metadata kind to dir (default metadata/schema).
  metadata export [file]    Write the latest metadata revision as one JSON bundle to file (default stdout).
  metadata import <file> [--dry-run] [--confirm-type-changes] [--author name] [--message text]
                            Check a bundle and print its plan (documents added, changed, removed;
                            fields archived; type changes with their dry run); without --dry-run,
                            save it as a new revision. Type changes need --confirm-type-changes.
  metadata revisions        List the metadata revisions, newest first.
  metadata purge <module>[.<field>] [--confirm] [--author name]
                            Delete an archived field's values (or an archived module's records) for
                            good. Without --confirm, print what would be removed (counts) and change
                            nothing. Live fields and modules are refused. Recorded as a revision.
  backup <file>             Write a consistent copy of the database to file (safe while a server runs).
  restore <file>            Replace the database with a backup after checking it opens. Refused while
                            a server (or anything else) has the database open: stop it first.
  help                      Show this text.

The database is $ATRIUM_DATA_DIR/atrium.db (default ./data/atrium.db); an empty one is seeded
from metadata/starter.`;

type CliOptions = {
  isDryRun: boolean;
  confirmTypeChanges: boolean;
  isConfirmed: boolean;
  author: string | undefined;
  message: string | undefined;
};

type Command = (args: string[], options: CliOptions) => Promise<number>;

function dataFile(): string {
  return join(process.env.ATRIUM_DATA_DIR ?? 'data', 'atrium.db');
}

/** Opens the data directory's store and its metadata (seeding an empty one), runs `fn`, closes the store. */
async function withMetadata(fn: (host: MetadataHost) => Promise<number>): Promise<number> {
  await mkdir(process.env.ATRIUM_DATA_DIR ?? 'data', { recursive: true });
  const store = createSqliteStore({ file: dataFile() });
  try {
    return await fn(await createMetadataHost({ store, seed: readStarterDocuments }));
  } finally {
    await store.close();
  }
}

function printProblems(problems: readonly MetadataProblem[]): void {
  for (const p of problems) console.log(`${p.document}  ${p.path || '/'}  ${p.message}`);
  console.log(`\n${problems.length} problem(s)`);
}

const commands: Record<string, Command> = {
  'metadata validate': async ([dir = 'metadata/starter']) => {
    const { problems, documents } = await validateMetadataDir(dir);
    for (const p of problems) console.log(`${p.document}  ${p.path || '/'}  ${p.message}`);
    if (problems.length > 0) {
      console.log(`\n${problems.length} problem(s) in ${dir}`);
      return 1;
    }
    console.log(`${dir}: ${documents} documents, no problems`);
    return 0;
  },
  'metadata schemas': async ([dir = 'metadata/schema']) => {
    await mkdir(dir, { recursive: true });
    for (const kind of metadataKinds) {
      await writeFile(
        join(dir, `${kind}.schema.json`),
        `${JSON.stringify(publishedSchema(kind), null, 2)}\n`,
      );
    }
    console.log(`wrote ${metadataKinds.length} schemas to ${dir}`);
    return 0;
  },
  'metadata export': ([file]) =>
    withMetadata(async (host) => {
      const bundle = `${JSON.stringify(toMetadataBundle(host.getApp().documents), null, 2)}\n`;
      if (!file) {
        process.stdout.write(bundle);
        return 0;
      }
      await writeFile(file, bundle);
      console.log(
        `wrote revision ${host.current().number} (${host.getApp().documents.length} documents) to ${file}`,
      );
      return 0;
    }),
  'metadata import': async ([file], options) => {
    if (!file) {
      console.error('metadata import needs a bundle file');
      return 2;
    }
    let json: unknown;
    try {
      json = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      console.log(`${file}: not a readable JSON file: ${(error as Error).message}`);
      return 1;
    }
    const bundle = parseMetadataBundle(json);
    if (!bundle.ok) {
      console.log(`${file}: ${bundle.message}`);
      return 1;
    }
    return withMetadata(async (host) => {
      const preview = await host.preview({ documents: bundle.documents });
      if (!preview.ok) {
        printProblems(preview.problems);
        return 1;
      }
      for (const line of describePreview({ preview, source: file })) console.log(line);
      if (options.isDryRun) return 0;
      const saved = await host.save({
        documents: bundle.documents,
        author: options.author ?? `cli:${userInfo().username}`,
        message: options.message ?? `Import ${file}`,
        ...(options.confirmTypeChanges
          ? {
              confirmTypeChanges: preview.typeChanges.map((t) => ({
                module: t.module,
                field: t.field,
                toType: t.toType,
              })),
            }
          : {}),
      });
      if (!saved.ok) {
        printProblems(saved.problems);
        return 1;
      }
      console.log(saved.isUnchanged ? 'Nothing to save.' : `Saved revision ${saved.revision.number}.`);
      return 0;
    });
  },
  'metadata revisions': () =>
    withMetadata(async (host) => {
      for (const r of await host.revisions()) {
        const restored = r.restoredFrom === null ? '' : ` (restores ${r.restoredFrom})`;
        console.log(`${r.number}  ${r.at}  ${r.author}  ${r.message}${restored}`);
      }
      return 0;
    }),
  'metadata purge': async ([name], options) => {
    const [module, field, ...rest] = (name ?? '').split('.');
    if (!module || rest.length > 0 || field === '') {
      console.error('metadata purge needs <module> or <module>.<field>');
      return 2;
    }
    const target = field === undefined ? { module } : { module, field };
    return withMetadata(async (host) => {
      const planned = await host.planPurge(target);
      if (!planned.ok) {
        printProblems(planned.problems);
        return 1;
      }
      for (const line of describePurgePlan(planned.plan)) console.log(line);
      if (!options.isConfirmed) {
        console.log('Dry run: nothing was removed. Run again with --confirm to remove it for good.');
        return 0;
      }
      const purged = await host.purge({
        ...target,
        author: options.author ?? `cli:${userInfo().username}`,
        confirm: true,
        ...(options.message === undefined ? {} : { message: options.message }),
      });
      if (!purged.ok) {
        printProblems(purged.problems);
        return 1;
      }
      console.log(`Purged ${purged.removed} record(s); recorded as revision ${purged.revision.number}.`);
      return 0;
    });
  },
  backup: async ([file]) => {
    if (!file) {
      console.error('backup needs a target file');
      return 2;
    }
    if (!existsSync(dataFile())) {
      console.log(`there is no database at ${dataFile()}`);
      return 1;
    }
    if (existsSync(file)) {
      console.log(`${file} already exists; choose a new file`);
      return 1;
    }
    const store = createSqliteStore({ file: dataFile() });
    try {
      await store.backup(file);
    } finally {
      await store.close();
    }
    console.log(`backed up ${dataFile()} to ${file}`);
    return 0;
  },
  restore: async ([file]) => {
    if (!file) {
      console.error('restore needs a backup file');
      return 2;
    }
    await mkdir(process.env.ATRIUM_DATA_DIR ?? 'data', { recursive: true });
    const result = await restoreDatabaseFile({ dataFile: dataFile(), backupFile: file });
    if (!result.ok) {
      console.log(`not restored: ${result.message}`);
      return 1;
    }
    console.log(`restored ${dataFile()} from ${file} (${result.revisions} metadata revisions)`);
    return 0;
  },
  help: async () => {
    console.log(usage);
    return 0;
  },
};

/** Runs the `atrium` command line with the given arguments and returns the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: {
      'dry-run': { type: 'boolean' },
      'confirm-type-changes': { type: 'boolean' },
      confirm: { type: 'boolean' },
      author: { type: 'string' },
      message: { type: 'string' },
    },
  });
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const options: CliOptions = {
    isDryRun: values['dry-run'] === true,
    confirmTypeChanges: values['confirm-type-changes'] === true,
    isConfirmed: values.confirm === true,
    author: text(values.author),
    message: text(values.message),
  };
  for (const length of [2, 1]) {
    const command = commands[positionals.slice(0, length).join(' ')];
    if (command) return command(positionals.slice(length), options);
  }
  console.error(usage);
  return 2;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await runCli(process.argv.slice(2));
}
