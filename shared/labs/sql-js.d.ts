/** sql.js ships no types; the labs use only its initialiser (see sqljs.ts for the API they call). */
declare module 'sql.js' {
  const initSqlJs: (config?: {
    wasmBinary?: ArrayBuffer;
    locateFile?: (file: string) => string;
    // An ambient module cannot import a relative path; a type-level import() can.
    // eslint-disable-next-line @typescript-eslint/consistent-type-imports
  }) => Promise<import('./sqljs').SqlJsStatic>;
  export default initSqlJs;
}
