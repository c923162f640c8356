/**
 * The lab framework's SqlDriver over sql.js (SQLite compiled to WebAssembly), for the app's Worker.
 * The framework initialises sql.js once and hands each run a fresh `new SQL.Database()`; this wraps
 * it. The types below describe the part of sql.js's API we use (the package ships no types).
 */
import type { SqlDriver } from '../framework';

type SqlValue = string | number | null | Uint8Array;

export interface SqlJsStatement {
  bind(values?: SqlValue[]): boolean;
  step(): boolean;
  getAsObject(): Record<string, SqlValue>;
  run(values?: SqlValue[]): void;
  reset(): boolean;
  free(): boolean;
}

export interface SqlJsDatabase {
  exec(sql: string): unknown;
  prepare(sql: string): SqlJsStatement;
  getRowsModified(): number;
  close(): void;
}

export function sqlJsDriver(db: SqlJsDatabase): SqlDriver {
  // Preparing once per distinct statement matters: the queue lab runs the same INSERT thousands of times.
  const statements = new Map<string, SqlJsStatement>();
  const prepare = (sql: string): SqlJsStatement => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const forgetStatements = () => {
    for (const statement of statements.values()) statement.free();
    statements.clear();
  };
  return {
    exec(sql) {
      // A schema change can leave cached statements pointing at dropped tables: start afresh.
      if (/\b(CREATE|DROP|ALTER)\b/i.test(sql)) forgetStatements();
      db.exec(sql);
    },
    run(sql, params = []) {
      const statement = prepare(sql);
      statement.run([...params]);
      return { changes: db.getRowsModified() };
    },
    all<Row>(sql: string, params: readonly (string | number | null)[] = []): Row[] {
      const statement = prepare(sql);
      try {
        statement.bind([...params]);
        const rows: Row[] = [];
        while (statement.step()) rows.push(statement.getAsObject() as Row);
        return rows;
      } finally {
        statement.reset();
      }
    },
    close() {
      forgetStatements();
      db.close();
    },
  };
}
