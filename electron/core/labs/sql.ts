/**
 * The lab framework's SqlDriver on better-sqlite3: a fresh in-memory database per call, so a lab
 * that needs SQL (the database-as-queue lab) runs on real SQLite in Node (tests, `npm run labs:claims`).
 */
import Database from 'better-sqlite3';
import type { SqlDriver } from '../../../shared/labs/framework';

export function memorySqlDriver(): SqlDriver {
  const db = new Database(':memory:');
  return {
    exec: (sql) => {
      db.exec(sql);
    },
    run: (sql, params = []) => ({ changes: db.prepare(sql).run(...params).changes }),
    all: <Row>(sql: string, params: readonly (string | number | null)[] = []) =>
      db.prepare(sql).all(...params) as Row[],
    close: () => {
      db.close();
    },
  };
}
