/**
 * Opening the database: checks before anything is written, a copy before migrating, migrations in
 * one transaction, and clear, typed refusals for a corrupt file or one written by a newer app.
 * The original file is never deleted; "start fresh" renames it aside.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import type { DbProblem } from '../../../shared/api/contract';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations/index';

export const DB_FILE_NAME = 'tradeoff.db';
const SQLITE_HEADER = 'SQLite format 3\0';

export class DbOpenError extends Error {
  constructor(readonly problem: DbProblem) {
    super(problem.message);
    this.name = 'DbOpenError';
  }
}

export interface OpenOptions {
  /** Path to a better_sqlite3.node built for the running ABI (Electron in dev); default: the package's own. */
  nativeBinding?: string;
  migrations?: readonly Migration[];
  now?: () => number;
}

export interface OpenedDb {
  db: Db;
  file: string;
  schemaVersion: number;
  /** The copy taken before migrating, when there was something to migrate. */
  backupFile: string | null;
  migrateMs: number;
}

function dbOptions(opts: OpenOptions, extra: Database.Options = {}): Database.Options {
  return opts.nativeBinding ? { ...extra, nativeBinding: opts.nativeBinding } : extra;
}

function corrupt(file: string, detail: string): DbOpenError {
  return new DbOpenError({
    kind: 'corrupt',
    file,
    message: `Your data file at ${file} can't be read as a Tradeoff database (${detail}). It has not been changed or deleted.`,
  });
}

/** Reads the schema version and checks integrity without writing a byte to the file. */
function inspectExisting(file: string, opts: OpenOptions): number {
  let header: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      header = Buffer.alloc(16);
      fs.readSync(fd, header, 0, 16, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    throw new DbOpenError({
      kind: 'unreadable',
      file,
      message: `Tradeoff can't read its data file at ${file}: ${(e as Error).message}. Check the file's permissions.`,
    });
  }
  if (header.toString('latin1') !== SQLITE_HEADER) throw corrupt(file, 'it is not a SQLite file');

  let ro: Db | undefined;
  try {
    ro = new Database(file, dbOptions(opts, { readonly: true, fileMustExist: true }));
    const version = ro.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_SCHEMA_VERSION) {
      throw new DbOpenError({
        kind: 'future-version',
        file,
        fileVersion: version,
        appVersion: LATEST_SCHEMA_VERSION,
        message:
          `Your data at ${file} was saved by a newer version of Tradeoff (data format ${version}; this app reads up to ${LATEST_SCHEMA_VERSION}). ` +
          'Please update Tradeoff to open it. Nothing in the file was changed.',
      });
    }
    const check = ro.pragma('quick_check', { simple: true }) as string;
    if (check !== 'ok') throw corrupt(file, `integrity check: ${check}`);
    return version;
  } catch (e) {
    if (e instanceof DbOpenError) throw e;
    throw corrupt(file, (e as Error).message);
  } finally {
    ro?.close();
  }
}

export function openDatabase(dataDir: string, opts: OpenOptions = {}): OpenedDb {
  const started = performance.now();
  const migrations = opts.migrations ?? MIGRATIONS;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const now = opts.now ?? Date.now;
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DB_FILE_NAME);
  const existed = fs.existsSync(file) && fs.statSync(file).size > 0;
  const fromVersion = existed ? inspectExisting(file, opts) : 0;
  if (fromVersion > latest) {
    throw new DbOpenError({
      kind: 'future-version',
      file,
      fileVersion: fromVersion,
      appVersion: latest,
      message: `Your data at ${file} was saved by a newer version of Tradeoff. Please update Tradeoff to open it. Nothing in the file was changed.`,
    });
  }

  const db = new Database(file, dbOptions(opts));
  try {
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode survives an app crash; a power cut may lose the last commit (< 1 autosave).
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 3000');

    let backupFile: string | null = null;
    const pending = migrations.filter((m) => m.version > fromVersion);
    if (pending.length > 0) {
      if (existed && fromVersion > 0) {
        // A consistent copy (WAL contents included) before the schema changes.
        backupFile = `${file}.before-v${latest}-${now()}.bak`;
        db.prepare('VACUUM INTO ?').run(backupFile);
      }
      db.transaction(() => {
        for (const m of pending) m.up(db);
        db.pragma(`user_version = ${latest}`);
      })();
    }
    return { db, file, schemaVersion: latest, backupFile, migrateMs: performance.now() - started };
  } catch (e) {
    db.close();
    if (e instanceof DbOpenError) throw e;
    throw corrupt(file, (e as Error).message);
  }
}

/**
 * Renames a database that could not be opened (and its -wal/-shm companions) out of the way, so
 * the app can start fresh. Returns the new name of the main file. Nothing is deleted.
 */
export function moveAside(file: string, now: () => number = Date.now): string {
  const stamp = new Date(now()).toISOString().replace(/[:.]/g, '-');
  const target = `${file}.unreadable-${stamp}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, target + suffix);
  }
  return target;
}
