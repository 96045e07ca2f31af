import { copyFile, rename, rm, stat } from 'node:fs/promises';
import Database from 'better-sqlite3';
import { createSqliteStore } from '../../store/sqlite/create-sqlite-store.ts';
import { systemModules } from '../records/system-modules.ts';

export type RestoreDatabaseResult = { ok: true; revisions: number } | { ok: false; message: string };

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Whether a copy of a backup is a sound Atrium database: SQLite's integrity check and at least one revision. */
async function checkBackup(
  file: string,
): Promise<{ ok: true; revisions: number } | { ok: false; message: string }> {
  try {
    const db = new Database(file, { fileMustExist: true });
    try {
      const result = db.pragma('integrity_check', { simple: true });
      if (result !== 'ok')
        return { ok: false, message: `the backup fails SQLite's integrity check: ${String(result)}` };
    } finally {
      db.close();
    }
    const store = createSqliteStore({ file });
    try {
      await store.ensureSchema(systemModules.values());
      const revisions = await store.count({ module: 'atriumRevisions', where: { kind: 'true' } });
      if (revisions === 0)
        return { ok: false, message: 'the backup holds no metadata revisions; it is not an Atrium backup' };
      return { ok: true, revisions };
    } finally {
      await store.close();
    }
  } catch (error) {
    return { ok: false, message: `the backup does not open: ${(error as Error).message}` };
  }
}

/**
 * Replaces the database at `dataFile` with the backup at `backupFile` (`atrium restore`). The
 * backup is first copied next to `dataFile` and checked there (it must open, pass SQLite's
 * integrity check and hold metadata revisions), so a bad backup changes nothing.
 *
 * A database that any connection still has open (a running server, a CLI command) is refused:
 * switching a WAL database to rollback-journal mode needs every other connection closed, so the
 * attempt is the test. While the file is swapped, an exclusive lock keeps out a server that opens
 * the old file in that instant; one that opens it before the lock and after the test is not caught
 * (stop the server before restoring).
 */
export async function restoreDatabaseFile(args: {
  dataFile: string;
  backupFile: string;
}): Promise<RestoreDatabaseResult> {
  const { dataFile, backupFile } = args;
  if (!(await exists(backupFile))) return { ok: false, message: `${backupFile} does not exist` };
  const staged = `${dataFile}.restoring`;
  await rm(staged, { force: true });
  await copyFile(backupFile, staged);
  const checked = await checkBackup(staged);
  if (!checked.ok) {
    await rm(staged, { force: true });
    return checked;
  }
  let live: Database.Database | undefined;
  try {
    if (await exists(dataFile)) {
      live = new Database(dataFile, { fileMustExist: true, timeout: 0 });
      try {
        live.pragma('journal_mode = DELETE');
        live.exec('BEGIN EXCLUSIVE');
      } catch {
        await rm(staged, { force: true });
        return {
          ok: false,
          message: `${dataFile} is in use (is a server running on it?); stop it and restore again`,
        };
      }
    }
    await rename(staged, dataFile);
    await rm(`${dataFile}-wal`, { force: true });
    await rm(`${dataFile}-shm`, { force: true });
    return checked;
  } finally {
    if (live?.inTransaction) live.exec('ROLLBACK');
    live?.close();
  }
}
