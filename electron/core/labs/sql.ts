/**
 * The lab framework's SqlDriver on better-sqlite3: a fresh in-memory database per call, so a lab
 * that needs SQL (the database-as-queue lab) runs on real SQLite in Node (tests, `npm run labs:claims`).
 */
import Database from 'better-sqlite3';
import type { SqlDriver } from '../../../shared/labs/framework';

export function memorySqlDriver(): SqlDriver {
  const db = new Database(':memory:');
  // Labs run the same few statements thousands of times; preparing each once keeps runs fast.
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  return {
    exec: (sql) => {
      // A schema change can leave cached statements pointing at dropped tables: start afresh.
      if (/\b(CREATE|DROP|ALTER)\b/i.test(sql)) statements.clear();
      db.exec(sql);
    },
    run: (sql, params = []) => ({ changes: prepare(sql).run(...params).changes }),
    all: <Row>(sql: string, params: readonly (string | number | null)[] = []) =>
      prepare(sql).all(...params) as Row[],
    close: () => db.close(),
  };
}
