/**
 * The lab framework's SqlDriver on sql.js (SQLite compiled to WebAssembly), for labs that run SQL in
 * the app's sandbox Worker. The caller initialises sql.js (in the Worker, from a wasm binary the page
 * fetched, since the sandbox may not fetch anything) and passes the module in; this file only adapts
 * it. The types describe the part of sql.js's API we use (the package ships no types).
 */
import type { SqlDriver } from './framework';

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

/** Wraps one open sql.js database (tests hand one in; the Worker makes one per run). */
export function wrapSqlJsDatabase(db: SqlJsDatabase): SqlDriver {
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

/** The part of sql.js's module the Worker uses: a constructor for fresh in-memory databases. */
export interface SqlJsStatic {
  Database: new () => SqlJsDatabase;
}

/** A fresh in-memory database for each call, as `RunContext.sql` promises. */
export function sqlJsDriver(SQL: SqlJsStatic): () => SqlDriver {
  return () => wrapSqlJsDatabase(new SQL.Database());
}
