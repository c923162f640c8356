/**
 * Checks a backup file before anything is replaced: it must be a whole SQLite database (a
 * truncated or edited file fails the integrity check), from this app, at a version it can read.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { AppError } from '../../../shared/api/envelope';

const REQUIRED_TABLES = ['settings', 'content_packs'];

export function inspectBackup(
  file: string,
  shownName: string,
  latestVersion: number,
  nativeBinding?: string,
): { version: number; sessions: number; scores: number } {
  const refuse = (why: string) =>
    new AppError(
      'INVALID_CONTENT',
      `${shownName} can’t be restored: ${why} Your current data has not been changed.`,
    );
  const header = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, header, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (header.toString('latin1') !== 'SQLite format 3\0') throw refuse('it is not a Tradeoff backup file.');
  let db: Database.Database | undefined;
  try {
    db = new Database(file, {
      readonly: true,
      fileMustExist: true,
      ...(nativeBinding ? { nativeBinding } : {}),
    });
    const check = db.pragma('integrity_check', { simple: true }) as string;
    if (check !== 'ok')
      throw refuse('the file is damaged or incomplete (it may have been cut short while copying).');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version < 1) throw refuse('it is not a Tradeoff backup file.');
    if (version > latestVersion)
      throw refuse('it was made by a newer version of Tradeoff. Update the app first.');
    const tables = new Set(
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
        (t) => t.name,
      ),
    );
    if (!REQUIRED_TABLES.every((t) => tables.has(t))) throw refuse('it is not a Tradeoff backup file.');
    const count = (table: string) =>
      tables.has(table) ? (db!.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n : 0;
    return { version, sessions: count('sessions'), scores: count('scores') };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw refuse('the file is damaged or incomplete (it may have been cut short while copying).');
  } finally {
    db?.close();
  }
}
