/**
 * Backup and all-or-nothing restore. Both move whole files: the shells hand us paths (a native
 * dialog on the desktop, a streamed upload or download in the web shell), never base64 in JSON.
 *
 * Restore checks a working copy of the backup completely (data/inspect.ts) and brings it to the
 * current schema *before* touching the live file. Only then is the live file (with its -wal and
 * -shm) renamed aside and the copy renamed in; if the app cannot open the result, the old files are
 * put back and synced before the error is returned. At no point is the user's data only in memory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/envelope';
import type { Core } from '../core';
import { DB_FILE_NAME, DbOpenError, openDatabase } from '../db/index';
import { storageError } from '../db/errors';
import { LATEST_SCHEMA_VERSION } from '../db/migrations/index';
import { inspectContents, inspectHeader, refusal } from './inspect';
import { stampOf } from './names';

const COMPANIONS = ['', '-wal', '-shm'] as const;

function fsyncPath(file: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Folders cannot be opened for sync on Windows; the rename is still durable there.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Writes a consistent copy of all data to `target` (replacing it atomically). */
export function backupTo(
  core: Core,
  target: string,
): { fileName: string; sizeBytes: number; savedTo: string } {
  const { db } = core.stores();
  const partial = `${target}.partial-${process.pid}-${core.clock()}`;
  try {
    // VACUUM INTO makes a consistent, compact copy of the database (the WAL's contents included).
    db.prepare('VACUUM INTO ?').run(partial);
    fsyncPath(partial);
    fs.renameSync(partial, target);
    fsyncPath(path.dirname(target));
    return { fileName: path.basename(target), sizeBytes: fs.statSync(target).size, savedTo: target };
  } catch (e) {
    fs.rmSync(partial, { force: true });
    const mapped = storageError(e);
    if (mapped && mapped.code !== 'CORRUPT') {
      throw new AppError(mapped.code, `The backup was not made: ${mapped.message}`, mapped.details);
    }
    throw e;
  }
}

/**
 * Replaces all data with the backup at `source` (which is only read), or changes nothing and says
 * what was wrong with the backup.
 */
export function restoreFrom(
  core: Core,
  source: string,
  shownName: string,
): { cancelled: false; sessions: number; scores: number; previousDataKeptAt: string } {
  const dataDir = core.options.dataDir;
  const nativeBinding = core.options.db?.nativeBinding;
  inspectHeader(source, shownName, LATEST_SCHEMA_VERSION, nativeBinding);

  // A working copy in its own folder, so opening it (and migrating an older backup) uses the same
  // code as a normal start and never touches the live file or the user's original.
  const work = fs.mkdtempSync(path.join(dataDir, '.restore-'));
  const candidate = path.join(work, DB_FILE_NAME);
  try {
    try {
      fs.copyFileSync(source, candidate);
    } catch (e) {
      throw storageError(e) ?? e;
    }
    let facts: { sessions: number; scores: number };
    try {
      const opened = openDatabase(work, { ...core.options.db, now: core.options.now });
      try {
        facts = inspectContents(opened.db, shownName, nativeBinding);
        // One self-contained file: fold the WAL back in before it is moved.
        opened.db.pragma('wal_checkpoint(TRUNCATE)');
        opened.db.pragma('journal_mode = DELETE');
      } finally {
        opened.db.close();
      }
    } catch (e) {
      if (e instanceof AppError) throw e;
      if (e instanceof DbOpenError) {
        if (e.problem.kind === 'disk-full') throw new AppError('DISK_FULL', e.problem.message);
        throw refusal(shownName, 'it could not be opened as Tradeoff data.');
      }
      throw storageError(e) ?? refusal(shownName, 'it could not be opened as Tradeoff data.');
    }
    fsyncPath(candidate);

    const live = core.dbFile;
    const keptAt = `${live}.before-restore-${stampOf(core.clock())}.bak`;
    core.closeDb();
    const moved: string[] = [];
    try {
      for (const suffix of COMPANIONS) {
        if (fs.existsSync(live + suffix)) {
          fs.renameSync(live + suffix, keptAt + suffix);
          moved.push(suffix);
        }
      }
      fs.renameSync(candidate, live);
      fsyncPath(dataDir);
      core.reopen();
      const status = core.status();
      if (status.db.state !== 'ready') throw refusal(shownName, 'Tradeoff could not open it after all.');
    } catch (e) {
      // Put the previous data back exactly as it was, then open it again.
      core.closeDb();
      for (const suffix of COMPANIONS) fs.rmSync(live + suffix, { force: true });
      for (const suffix of moved) fs.renameSync(keptAt + suffix, live + suffix);
      fsyncPath(dataDir);
      core.reopen();
      throw e instanceof AppError
        ? e
        : (storageError(e) ?? refusal(shownName, 'it could not be swapped in.'));
    }
    core.emit('content.changed', { packId: '*', change: 'imported' });
    return { cancelled: false, ...facts, previousDataKeptAt: keptAt };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
