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
import { classify } from './errors';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations/index';

export { DB_FILE_NAME } from './names';
import { DB_FILE_NAME } from './names';
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
  /** How long a write waits for another connection's lock before failing as busy (default 3 s). */
  busyTimeoutMs?: number;
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

/**
 * The problem to report for an error met while opening: "corrupt" only when SQLite says so; a
 * locked, read-only or full disk is named as such (the file is fine and may open on a retry).
 */
function openProblem(file: string, e: unknown): DbOpenError {
  if (e instanceof DbOpenError) return e;
  const detail = (e as Error).message;
  switch (classify(e)) {
    case 'BUSY':
      return new DbOpenError({
        kind: 'locked',
        file,
        message: `Your data file at ${file} is locked by another program, so Tradeoff can't open it right now. Close whatever is using it, then try again. The file has not been changed.`,
      });
    case 'READ_ONLY':
      return new DbOpenError({
        kind: 'read-only',
        file,
        message: `Tradeoff can't write to ${file} or its folder (${detail}). Check the permissions, then try again. The file has not been changed.`,
      });
    case 'DISK_FULL':
      return new DbOpenError({
        kind: 'disk-full',
        file,
        message: `The disk holding ${file} is full, so Tradeoff can't open its data. Free some space, then try again. The file has not been changed.`,
      });
    case 'IO_ERROR':
      return new DbOpenError({
        kind: 'io-error',
        file,
        message: `The disk reported an error reading ${file} (${detail}). Try again; if it keeps happening, copy the file somewhere safe.`,
      });
    case 'CORRUPT':
      return corrupt(file, detail);
    default:
      // Not SQLite saying the file is damaged (say, its native module failed to load): the file
      // may well be fine, so it is never offered for "start fresh".
      return new DbOpenError({
        kind: 'unreadable',
        file,
        message: `Tradeoff couldn't open its data file at ${file} (${detail}). The file has not been changed.`,
      });
  }
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
    throw openProblem(file, e);
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

  let db: Db;
  try {
    db = new Database(file, dbOptions(opts));
  } catch (e) {
    throw openProblem(file, e);
  }
  try {
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode survives an app crash; a power cut may lose the last commit (< 1 autosave).
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${Math.max(0, Math.round(opts.busyTimeoutMs ?? 3000))}`);

    let backupFile: string | null = null;
    if (migrations.some((m) => m.version > fromVersion)) {
      if (existed && fromVersion > 0) {
        // A consistent copy (WAL contents included) before the schema changes.
        backupFile = `${file}.before-v${latest}-${now()}.bak`;
        db.prepare('VACUUM INTO ?').run(backupFile);
      }
      // BEGIN IMMEDIATE takes the write lock first, and the version is read again inside: if another
      // process migrated meanwhile, there is nothing left to do instead of a second, clashing run.
      db.transaction(() => {
        const current = db.pragma('user_version', { simple: true }) as number;
        if (current > latest) throw corrupt(file, 'it was upgraded by a newer Tradeoff while opening');
        for (const m of migrations.filter((x) => x.version > current)) m.up(db);
        db.pragma(`user_version = ${latest}`);
      }).immediate();
    }
    return { db, file, schemaVersion: latest, backupFile, migrateMs: performance.now() - started };
  } catch (e) {
    db.close();
    throw openProblem(file, e);
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
