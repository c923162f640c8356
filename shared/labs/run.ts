/**
 * Running a lab the same way everywhere (vitest, the claims command, the app's Worker): parse the
 * parameters with the experiment's schema, give it a seeded context, and check properties on bounded
 * runs. The caller supplies progress, stop and SQL; this file only wires them.
 */
import {
  seededRng,
  type ExperimentResult,
  type PropertyOutcome,
  type RunContext,
  type SqlDriver,
} from './framework';
import type { AnyLab } from './registry';

/** The seed every default run uses, so the app, the tests and `labs:claims` print the same numbers. */
export const DEFAULT_SEED = 20260501;
/** Property runs in "Run my version" and the claims command: enough to find the usual mistakes fast. */
export const DEFAULT_PROPERTY_RUNS = 60;

export interface RunOptions {
  seed?: number;
  params?: Record<string, unknown>;
  progress?: (fraction: number) => void;
  shouldStop?: () => boolean;
  sql?: () => SqlDriver;
}

export function runExperiment(
  lab: AnyLab,
  experimentId: string,
  impl: unknown,
  opts: RunOptions = {},
): ExperimentResult {
  const experiment = lab.experiments.find((e) => e.id === experimentId);
  if (!experiment) throw new Error(`The lab ${lab.id} has no experiment ${experimentId}`);
  const seed = opts.seed ?? DEFAULT_SEED;
  const params = experiment.params.parse(opts.params ?? {});
  const ctx: RunContext = {
    seed,
    rng: seededRng(seed),
    sql: opts.sql,
    progress: opts.progress ?? (() => {}),
    shouldStop: opts.shouldStop ?? (() => false),
  };
  return experiment.run(impl, params, ctx);
}

export interface PropertyReport extends PropertyOutcome {
  id: string;
  title: string;
}

export function checkProperties(
  lab: AnyLab,
  impl: unknown,
  opts: {
    seed?: number;
    numRuns?: number;
    onEach?: (done: number, total: number) => void;
    sql?: () => SqlDriver;
  } = {},
): PropertyReport[] {
  const seed = opts.seed ?? DEFAULT_SEED;
  const numRuns = opts.numRuns ?? DEFAULT_PROPERTY_RUNS;
  return lab.properties.map((property, i) => {
    let outcome: PropertyOutcome;
    try {
      outcome = property.check(impl, { seed, numRuns, sql: opts.sql });
    } catch (error) {
      // A property that cannot even start (say, the module lacks a class) fails with the reason.
      outcome = { ok: false, numRuns: 0, message: error instanceof Error ? error.message : String(error) };
    }
    opts.onEach?.(i + 1, lab.properties.length);
    return { id: property.id, title: property.title, ...outcome };
  });
}
