/** sql.js ships no types; the labs use only its initialiser (see sqljs.ts for the API they call). */
declare module 'sql.js' {
  const initSqlJs: (config?: { wasmBinary?: ArrayBuffer }) => Promise<{ Database: new () => unknown }>;
  export default initSqlJs;
}
