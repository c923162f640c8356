/** Messages between the Labs page and its sandbox Worker. Plain JSON both ways. */
import type { ExperimentResult } from '../../../shared/labs/framework';
import type { PropertyReport } from '../../../shared/labs/run';

export interface RunRequest {
  labId: string;
  experimentId: string;
  params: Record<string, unknown>;
  seed: number;
  /**
   * The user's edited implementation, already transpiled to a CommonJS-style script (it assigns to
   * `exports`). Absent for a run of the reference implementation.
   */
  code?: string;
  /** Check the lab's properties against the module first (bounded runs). */
  properties?: { numRuns: number };
  /** Also run the reference on the same experiment, for the side-by-side claims. */
  compareWithReference?: boolean;
  /** SQLite's WebAssembly binary, for a lab that needs SQL (the sandbox may not fetch it itself). */
  sqlWasm?: ArrayBuffer;
  /** After this long, experiments are told to stop and return what they have (before the watchdog). */
  softDeadlineMs: number;
}

export type WorkerMessage =
  | { type: 'progress'; fraction: number; stage: string }
  | {
      type: 'done';
      result: ExperimentResult | null;
      reference: ExperimentResult | null;
      properties: PropertyReport[] | null;
      /** The experiment ran into the soft deadline and returned early. */
      cutShort: boolean;
      ms: number;
    }
  | { type: 'failed'; stage: 'load' | 'properties' | 'experiment' | 'reference'; message: string };
