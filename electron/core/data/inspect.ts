/**
 * Checks a backup completely before anything is replaced. A file passes only if it is a whole SQLite
 * database (a truncated or edited file fails the integrity check), from this app, at a version it
 * can read, and — once brought to the current schema — has exactly the tables and columns this app
 * creates, no triggers or views, every JSON column readable, every stored content pack valid, and
 * every store can be built on it and read. Only then may it be swapped in.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { AppError } from '../../../shared/api/envelope';
import { ContentPack } from '../../../shared/content/schema';
import { MIGRATIONS } from '../db/migrations/index';

const SQLITE_HEADER = 'SQLite format 3\0';

export function refusal(shownName: string, why: string): AppError {
  return new AppError(
    'INVALID_CONTENT',
    `${shownName} can’t be restored: ${why} Your current data has not been changed.`,
  );
}

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}

type Shape = Map<string, string>; // table -> canonical column list

function shapeOf(db: Db): { tables: Shape; others: { type: string; name: string }[] } {
  const objects = db
    .prepare("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { type: string; name: string }[];
  const tables: Shape = new Map();
  for (const o of objects.filter((x) => x.type === 'table')) {
    const cols = db.prepare(`PRAGMA table_info("${o.name.replace(/"/g, '""')}")`).all() as ColumnInfo[];
    tables.set(
      o.name,
      cols.map((c) => `${c.name} ${c.type}${c.notnull ? ' NOT NULL' : ''}${c.pk ? ' PK' : ''}`).join(', '),
    );
  }
  return { tables, others: objects.filter((x) => x.type === 'trigger' || x.type === 'view') };
}

let expectedShape: Shape | null = null;
/** The schema this app creates, from running every migration on an empty database. */
function expected(nativeBinding?: string): Shape {
  if (expectedShape) return expectedShape;
  const mem = new Database(':memory:', nativeBinding ? { nativeBinding } : {});
  try {
    mem.transaction(() => MIGRATIONS.forEach((m) => m.up(mem)))();
    expectedShape = shapeOf(mem).tables;
    return expectedShape;
  } finally {
    mem.close();
  }
}

/** Reads the file's first bytes, integrity and version without writing to it. */
export function inspectHeader(
  file: string,
  shownName: string,
  latestVersion: number,
  nativeBinding?: string,
): { version: number } {
  const header = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, header, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (header.toString('latin1') !== SQLITE_HEADER)
    throw refusal(shownName, 'it is not a Tradeoff backup file.');
  let db: Db | undefined;
  try {
    db = new Database(file, {
      readonly: true,
      fileMustExist: true,
      ...(nativeBinding ? { nativeBinding } : {}),
    });
    const check = db.pragma('integrity_check', { simple: true }) as string;
    if (check !== 'ok')
      throw refusal(
        shownName,
        'the file is damaged or incomplete (it may have been cut short while copying).',
      );
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version < 1) throw refusal(shownName, 'it is not a Tradeoff backup file.');
    if (version > latestVersion)
      throw refusal(shownName, 'it was made by a newer version of Tradeoff. Update the app first.');
    return { version };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw refusal(shownName, 'the file is damaged or incomplete (it may have been cut short while copying).');
  } finally {
    db?.close();
  }
}

/**
 * Checks an opened candidate database (already migrated to the current schema) for everything a
 * schema version cannot promise. Throws a refusal naming the first problem found.
 */
export function inspectContents(
  db: Db,
  shownName: string,
  nativeBinding?: string,
): { sessions: number; scores: number } {
  const want = expected(nativeBinding);
  const got = shapeOf(db);
  if (got.others.length > 0) {
    const o = got.others[0]!;
    throw refusal(shownName, `it contains a ${o.type} (“${o.name}”) that Tradeoff never creates.`);
  }
  for (const [table, columns] of want) {
    const have = got.tables.get(table);
    if (have === undefined) throw refusal(shownName, `its “${table}” table is missing.`);
    if (have !== columns)
      throw refusal(shownName, `its “${table}” table does not have the columns Tradeoff expects.`);
  }
  for (const table of got.tables.keys()) {
    if (!want.has(table))
      throw refusal(shownName, `it has a table (“${table}”) that Tradeoff never creates.`);
  }
  // Every JSON column must parse: SQLite checks them without loading rows into JavaScript.
  for (const table of want.keys()) {
    const cols = (db.prepare(`PRAGMA table_info("${table}")`).all() as ColumnInfo[]).filter((c) =>
      c.name.endsWith('_json'),
    );
    for (const c of cols) {
      const bad = db
        .prepare(
          `SELECT count(*) AS n FROM "${table}" WHERE "${c.name}" IS NOT NULL AND json_valid("${c.name}") = 0`,
        )
        .get() as { n: number };
      if (bad.n > 0)
        throw refusal(
          shownName,
          `${bad.n === 1 ? 'a row' : `${bad.n} rows`} in “${table}” hold unreadable data (${c.name}).`,
        );
    }
  }
  const badBudgets = db
    .prepare("SELECT count(*) AS n FROM sessions WHERE json_type(budgets_json) IS NOT 'object'")
    .get() as { n: number };
  if (badBudgets.n > 0) throw refusal(shownName, 'some interviews have phase budgets Tradeoff cannot read.');
  for (const row of db.prepare('SELECT id, pack_json FROM content_packs').iterate() as Iterable<{
    id: string;
    pack_json: string;
  }>) {
    if (!ContentPack.safeParse(JSON.parse(row.pack_json)).success)
      throw refusal(shownName, `the content pack “${row.id}” in it is not valid.`);
  }
  const count = (table: string) =>
    (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { sessions: count("sessions WHERE status != 'discarded'"), scores: count('scores') };
}
