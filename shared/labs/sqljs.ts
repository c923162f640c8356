/**
 * The lab framework's SqlDriver on sql.js (SQLite compiled to WebAssembly), for labs that run SQL in
 * the app's sandbox Worker. The caller initialises sql.js (in the Worker, from a wasm binary the page
 * fetched, since the sandbox may not fetch anything) and passes the module in; this file only adapts it.
 */
import type { SqlDriver } from './framework';

type Param = string | number | null;

/** The few parts of sql.js's API the driver uses. */
export interface SqlJsStatic {
  Database: new () => SqlJsDatabase;
}
interface SqlJsDatabase {
  exec(sql: string): unknown;
  run(sql: string, params?: Param[]): unknown;
  getRowsModified(): number;
  prepare(sql: string): SqlJsStatement;
  close(): void;
}
interface SqlJsStatement {
  bind(values: Param[]): boolean;
  step(): boolean;
  getAsObject(): Record<string, unknown>;
  free(): boolean;
}

export function sqlJsDriver(SQL: SqlJsStatic): () => SqlDriver {
  return () => {
    const db = new SQL.Database();
    return {
      exec: (sql) => {
        db.exec(sql);
      },
      run: (sql, params = []) => {
        db.run(sql, [...params]);
        return { changes: db.getRowsModified() };
      },
      all: <Row>(sql: string, params: readonly Param[] = []) => {
        const stmt = db.prepare(sql);
        try {
          stmt.bind([...params]);
          const rows: Row[] = [];
          while (stmt.step()) rows.push(stmt.getAsObject() as Row);
          return rows;
        } finally {
          stmt.free();
        }
      },
      close: () => db.close(),
    };
  };
}
