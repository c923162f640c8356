/**
 * The labs' sandbox: runs a lab's experiment (and its properties) against the reference module or
 * against the user's edited module. It is a dedicated Worker, so it has no DOM and no access to the
 * page's API client; its own Content-Security-Policy (electron/core/csp.ts, LAB_SANDBOX_CSP) allows
 * `new Function` here and no network at all. The page watches it and terminates it after its time
 * limit, so an endless loop here can never freeze the app.
 */
import { LAB_REGISTRY } from '../../../shared/labs/registry';
import { checkProperties, runExperiment } from '../../../shared/labs/run';
import type { ExperimentResult, SqlDriver } from '../../../shared/labs/framework';
import { sqlJsDriver } from '../../../shared/labs/sqljs';
import initSqlJs from 'sql.js';
import type { RunRequest, WorkerMessage } from './protocol';

const PROGRESS_EVERY_MS = 80;

function post(message: WorkerMessage): void {
  (self as unknown as { postMessage(m: WorkerMessage): void }).postMessage(message);
}

function describe(error: unknown): string {
  if (
    error instanceof RangeError &&
    /allocation|Array buffer|Invalid array length|Invalid typed array/i.test(error.message)
  ) {
    return `Out of memory: ${error.message}. The code asked for more memory than a lab run may use.`;
  }
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** Evaluates the transpiled module (CommonJS shape) and returns its exports. */
function loadModule(code: string): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  // The sandbox's own CSP allows this; the page's does not (see the file comment).
  const factory = new Function('exports', 'module', `"use strict";\n${code}\n`) as (
    exports: Record<string, unknown>,
    module: { exports: Record<string, unknown> },
  ) => void;
  factory(module.exports, module);
  return module.exports;
}

self.onmessage = async (event: MessageEvent<RunRequest>) => {
  const request = event.data;
  const started = performance.now();
  const lab = LAB_REGISTRY[request.labId];
  if (!lab) {
    post({ type: 'failed', stage: 'load', message: `There is no built lab called ${request.labId}.` });
    return;
  }
  let lastPost = 0;
  let stage = 'Starting';
  const progress = (fraction: number) => {
    const now = performance.now();
    if (now - lastPost < PROGRESS_EVERY_MS && fraction < 1) return;
    lastPost = now;
    post({ type: 'progress', fraction: Math.max(0, Math.min(1, fraction)), stage });
  };
  let cutShort = false;
  const shouldStop = () => {
    if (performance.now() - started > request.softDeadlineMs) cutShort = true;
    return cutShort;
  };

  // A lab that runs SQL gets SQLite (sql.js) here, from the wasm binary the page sent.
  let sql: (() => SqlDriver) | undefined;
  if (lab.needsSql) {
    try {
      stage = 'Loading SQLite';
      if (!request.sqlWasm) throw new Error('the page did not send SQLite’s WebAssembly binary');
      sql = sqlJsDriver(await initSqlJs({ wasmBinary: request.sqlWasm }));
    } catch (error) {
      post({
        type: 'failed',
        stage: 'load',
        message: `SQLite could not start in the lab Worker: ${describe(error)}`,
      });
      return;
    }
  }

  let impl: unknown = lab.reference;
  if (request.code !== undefined) {
    try {
      stage = 'Loading your code';
      impl = loadModule(request.code);
    } catch (error) {
      post({ type: 'failed', stage: 'load', message: describe(error) });
      return;
    }
  }

  let properties = null;
  if (request.properties) {
    try {
      stage = 'Checking properties';
      properties = checkProperties(lab, impl, {
        numRuns: request.properties.numRuns,
        seed: request.seed,
        sql,
        onEach: (done, total) => progress((0.3 * done) / total),
      });
    } catch (error) {
      post({ type: 'failed', stage: 'properties', message: describe(error) });
      return;
    }
  }
  const base = request.properties ? 0.3 : 0;
  const share = request.compareWithReference ? (1 - base) / 2 : 1 - base;

  let result: ExperimentResult | null = null;
  try {
    stage = request.code === undefined ? 'Running' : 'Running your version';
    result = runExperiment(lab, request.experimentId, impl, {
      seed: request.seed,
      params: request.params,
      progress: (f) => progress(base + share * f),
      shouldStop,
      sql,
    });
  } catch (error) {
    // Properties already found are still worth showing next to the failure.
    post({ type: 'failed', stage: 'experiment', message: describe(error) });
    if (!properties) return;
  }

  let reference: ExperimentResult | null = null;
  if (request.compareWithReference) {
    try {
      stage = 'Running the reference';
      reference = runExperiment(lab, request.experimentId, lab.reference, {
        seed: request.seed,
        params: request.params,
        progress: (f) => progress(base + share + share * f),
        sql,
      });
    } catch (error) {
      post({ type: 'failed', stage: 'reference', message: describe(error) });
      return;
    }
  }
  post({ type: 'done', result, reference, properties, cutShort, ms: performance.now() - started });
};
