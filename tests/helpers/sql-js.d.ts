// sql.js ships no types; the tests use only its initialiser and Database constructor.
declare module 'sql.js' {
  import type { SqlJsDatabase } from '../../shared/labs/db-queue/sqljs-driver';
  export default function initSqlJs(config?: { locateFile?: (file: string) => string }): Promise<{
    Database: new (data?: Uint8Array) => SqlJsDatabase;
  }>;
}
