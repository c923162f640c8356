import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME, DbOpenError, moveAside, openDatabase } from '../../electron/core/db/index';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from '../../electron/core/db/migrations/index';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tradeoff-db-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('openDatabase', () => {
  it('creates a fresh database at the latest version with WAL, foreign keys and STRICT tables', () => {
    const dir = tempDir();
    const { db, schemaVersion, backupFile } = openDatabase(dir);
    expect(schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(backupFile).toBeNull(); // nothing to back up on first run
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all() as {
      name: string;
      sql: string;
    }[];
    expect(tables.length).toBeGreaterThan(0);
    for (const t of tables) expect(t.sql, t.name).toMatch(/\)\s*STRICT\s*$/);
    db.close();
  });

  it('keeps the schema snapshot: a migration cannot silently drop or rename a column', () => {
    const { db } = openDatabase(tempDir());
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[];
    const snapshot = Object.fromEntries(
      tables.map(({ name }) => [
        name,
        (db.pragma(`table_info(${name})`) as { name: string; type: string }[]).map(
          (c) => `${c.name} ${c.type}`,
        ),
      ]),
    );
    expect(snapshot).toMatchSnapshot();
    db.close();
  });

  it('reopens an existing database without migrating or backing up again', () => {
    const dir = tempDir();
    openDatabase(dir).db.close();
    const again = openDatabase(dir);
    expect(again.backupFile).toBeNull();
    expect(again.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    again.db.close();
  });

  it('backs up before migrating and runs pending migrations in one transaction', () => {
    const dir = tempDir();
    const first = openDatabase(dir);
    first.db.prepare("INSERT INTO settings VALUES ('theme', '\"dark\"', 1)").run();
    first.db.close();
    const next: Migration = {
      version: LATEST_SCHEMA_VERSION + 1,
      name: 'test: add a table',
      up: (db) => db.exec('CREATE TABLE extra (id INTEGER PRIMARY KEY) STRICT'),
    };
    const opened = openDatabase(dir, { migrations: [...MIGRATIONS, next], now: () => 1700000000000 });
    expect(opened.schemaVersion).toBe(LATEST_SCHEMA_VERSION + 1);
    expect(opened.backupFile).toBe(
      path.join(dir, `${DB_FILE_NAME}.before-v${LATEST_SCHEMA_VERSION + 1}-1700000000000.bak`),
    );
    expect(fs.existsSync(opened.backupFile!)).toBe(true);
    opened.db.close();
    // The backup is the pre-migration database, data included.
    const backup = new Database(opened.backupFile!, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(backup.prepare('SELECT key FROM settings').all()).toEqual([{ key: 'theme' }]);
    backup.close();
  });

  it('rolls back every step of a failed migration, leaving the previous version intact', () => {
    const dir = tempDir();
    openDatabase(dir).db.close();
    const broken: Migration[] = [
      ...MIGRATIONS,
      {
        version: LATEST_SCHEMA_VERSION + 1,
        name: 'ok',
        up: (db) => db.exec('CREATE TABLE half (id INTEGER) STRICT'),
      },
      {
        version: LATEST_SCHEMA_VERSION + 2,
        name: 'fails',
        up: (db) => db.exec('CREATE TABLE nope (id BOGUS_TYPE) STRICT'),
      },
    ];
    expect(() => openDatabase(dir, { migrations: broken })).toThrow(DbOpenError);
    const reopened = openDatabase(dir);
    expect(reopened.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(reopened.db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half'").get()).toEqual({
      n: 0,
    });
    reopened.db.close();
  });

  it('refuses a database from a newer app without modifying it', () => {
    const dir = tempDir();
    const { db } = openDatabase(dir);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const file = path.join(dir, DB_FILE_NAME);
    const before = sha(file);
    const mtime = fs.statSync(file).mtimeMs;
    let error: unknown;
    try {
      openDatabase(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DbOpenError);
    const problem = (error as DbOpenError).problem;
    expect(problem.kind).toBe('future-version');
    expect(problem.fileVersion).toBe(LATEST_SCHEMA_VERSION + 5);
    expect(problem.file).toBe(file);
    expect(problem.message).toMatch(/newer version of Tradeoff/);
    expect(sha(file)).toBe(before);
    expect(fs.statSync(file).mtimeMs).toBe(mtime);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.bak'))).toEqual([]);
  });

  it('reports a corrupt file by name and leaves its bytes untouched', () => {
    const dir = tempDir();
    const file = path.join(dir, DB_FILE_NAME);
    fs.writeFileSync(
      file,
      Buffer.from('this is not a database, just some notes I typed by mistake'.repeat(100)),
    );
    const before = sha(file);
    let error: unknown;
    try {
      openDatabase(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DbOpenError);
    expect((error as DbOpenError).problem).toMatchObject({ kind: 'corrupt', file });
    expect((error as DbOpenError).problem.message).toContain(file);
    expect(sha(file)).toBe(before);
  });

  it('reports a SQLite file with damaged pages as corrupt', () => {
    const dir = tempDir();
    const { db } = openDatabase(dir);
    const insert = db.prepare('INSERT INTO settings VALUES (?, \'"x"\', 1)');
    for (let i = 0; i < 2000; i++) insert.run(`key-${i}-${'x'.repeat(50)}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const file = path.join(dir, DB_FILE_NAME);
    const bytes = fs.readFileSync(file);
    // Keep the 100-byte header, scribble over the rest of the first pages.
    for (let i = 100; i < Math.min(bytes.length, 4096 * 6); i++) bytes[i] = (i * 31) & 0xff;
    fs.writeFileSync(file, bytes);
    expect(() => openDatabase(dir)).toThrow(DbOpenError);
  });

  it('never calls a healthy file corrupt when SQLite itself cannot be loaded', () => {
    const dir = tempDir();
    openDatabase(dir).db.close();
    const file = path.join(dir, DB_FILE_NAME);
    const before = sha(file);
    const missingAddon = path.join(dir, 'no-such', 'better_sqlite3.node');
    let problem: DbOpenError | undefined;
    try {
      openDatabase(dir, { nativeBinding: missingAddon });
    } catch (e) {
      problem = e as DbOpenError;
    }
    expect(problem).toBeInstanceOf(DbOpenError);
    expect(problem!.problem.kind).toBe('unreadable');
    expect(problem!.problem.message).toContain(file);
    expect(problem!.problem.message).toContain('has not been changed');
    expect(sha(file)).toBe(before);
  });

  it('moves a bad file aside (with its WAL) instead of deleting it', () => {
    const dir = tempDir();
    const file = path.join(dir, DB_FILE_NAME);
    fs.writeFileSync(file, 'garbage');
    fs.writeFileSync(`${file}-wal`, 'wal garbage');
    const target = moveAside(file, () => Date.UTC(2026, 0, 2, 3, 4, 5));
    expect(target).toBe(`${file}.unreadable-2026-01-02T03-04-05-000Z`);
    expect(fs.readFileSync(target, 'utf8')).toBe('garbage');
    expect(fs.readFileSync(`${target}-wal`, 'utf8')).toBe('wal garbage');
    expect(fs.existsSync(file)).toBe(false);
    const fresh = openDatabase(dir);
    expect(fresh.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    fresh.db.close();
  });
});
