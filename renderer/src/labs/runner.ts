/**
 * Starts a lab run in a fresh sandbox Worker and watches it: progress as it comes, Stop (terminates
 * the Worker at once), and a watchdog that terminates it when the time limit passes. The page stays
 * responsive whatever the code in the Worker does, because nothing of it runs on the page's thread.
 */
import type { ExperimentResult } from '../../../shared/labs/framework';
import type { PropertyReport } from '../../../shared/labs/run';
import { LAB_REGISTRY } from '../../../shared/labs/registry';
import type { RunRequest, WorkerMessage } from './protocol';
import sqlWasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';

let sqlWasmBytes: Promise<ArrayBuffer> | null = null;
/** SQLite's wasm, fetched once by the page (its policy allows our own origin) and copied to each Worker. */
function sqlWasm(): Promise<ArrayBuffer> {
  sqlWasmBytes ??= fetch(sqlWasmUrl).then((r) => {
    if (!r.ok) throw new Error(`${r.status} ${r.statusText}`);
    return r.arrayBuffer();
  });
  return sqlWasmBytes.then((b) => b.slice(0));
}

export const DEFAULT_TIME_LIMIT_MS = 10_000;

export type RunOutcome =
  | {
      kind: 'done';
      result: ExperimentResult | null;
      reference: ExperimentResult | null;
      properties: PropertyReport[] | null;
      /** An error from the experiment, when properties ran but the experiment threw. */
      experimentError: string | null;
      cutShort: boolean;
      ms: number;
    }
  | { kind: 'failed'; stage: string; message: string }
  | { kind: 'timed-out'; limitMs: number }
  | { kind: 'stopped'; afterMs: number };

export interface RunHandle {
  outcome: Promise<RunOutcome>;
  stop(): void;
}

export function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

export function startRun(
  request: Omit<RunRequest, 'softDeadlineMs'>,
  opts: { timeLimitMs?: number; onProgress?: (fraction: number, stage: string) => void } = {},
): RunHandle {
  const limitMs = opts.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  const worker = new Worker(new URL('./lab-sandbox.worker.ts', import.meta.url), {
    type: 'module',
    name: 'lab-sandbox',
  });
  const started = performance.now();
  let settle: (outcome: RunOutcome) => void = () => {};
  let experimentError: string | null = null;
  const outcome = new Promise<RunOutcome>((resolve) => {
    settle = (o) => {
      clearTimeout(watchdog);
      worker.terminate();
      resolve(o);
      settle = () => {};
    };
  });
  const watchdog = setTimeout(() => settle({ kind: 'timed-out', limitMs }), limitMs);
  worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
    const m = event.data;
    if (m.type === 'progress') opts.onProgress?.(m.fraction, m.stage);
    else if (m.type === 'done') settle({ kind: 'done', ...m, experimentError });
    else if (m.stage === 'experiment' && request.properties) experimentError = m.message;
    else settle({ kind: 'failed', stage: m.stage, message: m.message });
  };
  worker.onerror = (event) => {
    event.preventDefault();
    settle({
      kind: 'failed',
      stage: 'worker',
      message: event.message || 'The lab Worker stopped unexpectedly (it may have run out of memory).',
    });
  };
  worker.onmessageerror = () =>
    settle({
      kind: 'failed',
      stage: 'worker',
      message: 'The lab Worker sent a result that could not be read.',
    });
  // Leave a margin before the watchdog so a well-behaved experiment can return what it has.
  const message: RunRequest = { ...request, softDeadlineMs: Math.max(200, limitMs * 0.8) };
  if (LAB_REGISTRY[request.labId]?.needsSql) {
    sqlWasm()
      .then((wasm) => worker.postMessage({ ...message, sqlWasm: wasm }))
      .catch((e: unknown) =>
        settle({ kind: 'failed', stage: 'load', message: `SQLite could not be loaded: ${String(e)}` }),
      );
  } else {
    worker.postMessage(message);
  }
  return {
    outcome,
    stop: () => settle({ kind: 'stopped', afterMs: performance.now() - started }),
  };
}
