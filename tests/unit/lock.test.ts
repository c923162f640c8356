/** One writer per data folder, and storage errors named for what they are. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify } from '../../electron/core/db/errors';
import { DataFolderLockedError, LOCK_FILE_NAME, lockDataFolder } from '../../electron/core/db/lock';
import { backend, closeBackend, tempDir } from '../helpers/backend';

describe('the data folder lock', () => {
  it('refuses a second Tradeoff on the same folder, naming the folder and the process', () => {
    const dir = tempDir('lock');
    const { b } = backend(dir);
    let refused: unknown;
    try {
      backend(dir);
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(DataFolderLockedError);
    const message = (refused as Error).message;
    expect(message).toContain(dir);
    expect(message).toContain(`process ${process.pid}`);
    expect(message).toContain('a web shell');
    // Once the first closes, the folder is free again.
    closeBackend(b);
    expect(fs.existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(false);
    const { b: next } = backend(dir);
    expect(next.status().db.state).toBe('ready');
  });

  it('takes over a lock left by a process that no longer exists', () => {
    const dir = tempDir('stale');
    // A pid far above any live process here: the holder crashed or was killed.
    fs.writeFileSync(
      path.join(dir, LOCK_FILE_NAME),
      JSON.stringify({ pid: 2 ** 22 + 12345, shell: 'a web shell', startedAtMs: 1, host: os.hostname() }),
    );
    const lock = lockDataFolder(dir, 'the desktop app');
    const held = JSON.parse(fs.readFileSync(lock.file, 'utf8')) as { pid: number; shell: string };
    expect(held).toMatchObject({ pid: process.pid, shell: 'the desktop app' });
    lock.release();
  });

  it('keeps refusing while the holder is alive, and never removes a lock that is not its own', () => {
    const dir = tempDir('alive');
    const file = path.join(dir, LOCK_FILE_NAME);
    const holder = { pid: process.ppid, shell: 'the desktop app', startedAtMs: 1, host: os.hostname() };
    fs.writeFileSync(file, JSON.stringify(holder));
    expect(() => lockDataFolder(dir, 'a web shell')).toThrow(DataFolderLockedError);
    expect(() => lockDataFolder(dir, 'a web shell')).toThrow(/the desktop app, process \d+/);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(holder);
  });
});

describe('storage error mapping', () => {
  const cases: [string, string, string | null][] = [
    ['SQLITE_FULL', 'database or disk is full', 'DISK_FULL'],
    ['ENOSPC', 'no space left on device', 'DISK_FULL'],
    ['SQLITE_IOERR_WRITE', 'disk I/O error', 'IO_ERROR'],
    ['SQLITE_IOERR_WRITE', 'database or disk is full', 'DISK_FULL'],
    ['SQLITE_BUSY', 'database is locked', 'BUSY'],
    ['SQLITE_BUSY_SNAPSHOT', 'database is locked', 'BUSY'],
    ['SQLITE_LOCKED', 'database table is locked', 'BUSY'],
    ['SQLITE_READONLY', 'attempt to write a readonly database', 'READ_ONLY'],
    ['SQLITE_READONLY_DBMOVED', 'readonly', 'READ_ONLY'],
    ['EROFS', 'read-only file system', 'READ_ONLY'],
    ['EACCES', 'permission denied', 'READ_ONLY'],
    ['SQLITE_CORRUPT', 'database disk image is malformed', 'CORRUPT'],
    ['SQLITE_NOTADB', 'file is not a database', 'CORRUPT'],
    ['SQLITE_TOOBIG', 'string or blob too big', 'TOO_LARGE'],
    ['SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed', null],
  ];
  it.each(cases)('%s (%s) is %s', (code, message, expected) => {
    expect(classify(Object.assign(new Error(message), { code }))).toBe(expected);
  });
});
