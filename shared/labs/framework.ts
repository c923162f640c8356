/**
 * The lab framework's shared vocabulary: what an experiment takes and returns, what a claims row is,
 * how a verdict is computed, and the seeded random source every lab uses. Pure TypeScript (no DOM,
 * no Node built-ins), so the same lab runs in vitest, in Node for `npm run labs:claims` and in the
 * app's Web Worker, and the same seed gives the same numbers in all three.
 */
import type { z } from 'zod';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/** A seeded random source. Never use Math.random in a lab: runs must repeat exactly. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [from, to], both included. */
  int(from: number, to: number): number;
  /** An independent stream derived from this one (for a sub-experiment that must not shift others). */
  fork(): Rng;
}

export function seededRng(seed: number): Rng {
  return wrap(xoroshiro128plus(seed | 0));
}

function wrap(gen: RandomGenerator): Rng {
  return {
    next: () => uniformFloat64(gen),
    int: (from, to) => uniformInt(gen, from, to),
    fork: () => wrap(xoroshiro128plus(uniformInt(gen, -0x80000000, 0x7fffffff))),
  };
}

export type Verdict = 'holds' | 'approximately' | 'does-not-hold';

/** Where a claim comes from: a concept or problem in the library, or the course notes (../shared/digest). */
export interface ClaimSource {
  kind: 'concept' | 'problem' | 'notes';
  /** The library id for a concept or problem. */
  id?: string;
  /** Shown to the user, e.g. "Bloom filters (concept)" or "the notes on rate limiting". */
  label: string;
}

export interface ClaimRow {
  /** The claim in words, e.g. "About 9.6 bits per item give a 1% false-positive rate". */
  claim: string;
  source: ClaimSource;
  /** The claimed figure as text, e.g. "1%" or "≈ 1/(N+1) = 9.1%". */
  expected: string;
  /** What this run measured, as text. */
  measured: string;
  /** The raw numbers behind the verdict, so tests and the claims command can compare runs. */
  expectedValue: number | null;
  measuredValue: number;
  /** Computed from the numbers (see judge), never typed in. */
  verdict: Verdict;
  /** Why it holds or not; where the notes are wrong, the notes' figure, the measured one and why. */
  explanation: string;
}

/**
 * The verdict from numbers: within `closeRel` (relative) it holds, within `roughRel` it is
 * approximately right, otherwise it does not hold. For claims of the form "at most" / "at least",
 * pass `bound` and the verdict is about the side the measured value falls on.
 */
export function judge(
  measured: number,
  expected: number,
  opts: { closeRel?: number; roughRel?: number; bound?: 'at-most' | 'at-least' } = {},
): Verdict {
  const closeRel = opts.closeRel ?? 0.1;
  const roughRel = opts.roughRel ?? 0.35;
  if (opts.bound === 'at-most') {
    if (measured <= expected) return 'holds';
    return measured <= expected * (1 + roughRel) ? 'approximately' : 'does-not-hold';
  }
  if (opts.bound === 'at-least') {
    if (measured >= expected) return 'holds';
    return measured >= expected * (1 - roughRel) ? 'approximately' : 'does-not-hold';
  }
  if (expected === 0)
    return measured === 0 ? 'holds' : Math.abs(measured) <= roughRel ? 'approximately' : 'does-not-hold';
  const rel = Math.abs(measured - expected) / Math.abs(expected);
  if (rel <= closeRel) return 'holds';
  return rel <= roughRel ? 'approximately' : 'does-not-hold';
}

export const VERDICT_WORDS: Record<Verdict, string> = {
  holds: 'Holds',
  approximately: 'Roughly right',
  'does-not-hold': 'Does not hold',
};

/** One chart: a set of named lines (or bars) over one x axis. */
export interface Series {
  id: string;
  title: string;
  kind: 'line' | 'bar' | 'scatter';
  x: { label: string; unit?: string; log?: boolean };
  y: { label: string; unit?: string; log?: boolean };
  lines: { name: string; points: { x: number; y: number }[] }[];
}

/**
 * A small synchronous SQL surface, so a lab can run on real SQLite wherever it runs: better-sqlite3
 * in Node (tests, `npm run labs:claims`) and sql.js (SQLite compiled to WebAssembly) in the app's
 * Worker. Parameters are positional (`?`).
 */
export interface SqlDriver {
  exec(sql: string): void;
  run(sql: string, params?: readonly (string | number | null)[]): { changes: number };
  all<Row = Record<string, unknown>>(sql: string, params?: readonly (string | number | null)[]): Row[];
  close(): void;
}

export interface RunContext {
  seed: number;
  rng: Rng;
  /** A fresh in-memory SQLite database; present wherever a lab that needs SQL can run. */
  sql?: () => SqlDriver;
  /** Report progress in [0, 1]; cheap to call often (the runner throttles messages). */
  progress(fraction: number): void;
  /** True once the user pressed Stop; long loops check it and return what they have. */
  shouldStop(): boolean;
}

export interface ExperimentResult<Frame = unknown> {
  series: Series[];
  claims: ClaimRow[];
  /**
   * Lab-specific frames for the visualisation (the ring with its keys, the bit array filling, token
   * levels over time…). Plain JSON so it crosses the Worker boundary.
   */
  frames?: Frame[];
  /** Short facts shown above the charts, e.g. "10,000 keys on 8 nodes × 100 virtual nodes". */
  summary?: string[];
}

/**
 * An experiment runs against an implementation module: the reference one, or the user's edited
 * version transpiled in the app. `Impl` is the type of that module's exports.
 */
export interface Experiment<Impl, P extends z.ZodType = z.ZodType> {
  id: string;
  title: string;
  /** One or two sentences: what it shows. */
  description: string;
  /** Typed parameters with ranges and defaults (z.number().min().max().default()). */
  params: P;
  run(impl: Impl, params: z.output<P>, ctx: RunContext): ExperimentResult;
}

export interface PropertyOutcome {
  ok: boolean;
  /** The smallest failing input fast-check found, printed for people. */
  counterexample?: string;
  /** The error or the broken expectation, in words. */
  message?: string;
  numRuns: number;
}

/** A property the implementation must keep (checked with fast-check on bounded runs). */
export interface LabProperty<Impl> {
  id: string;
  /** In words, e.g. "Every key has RF distinct owners". */
  title: string;
  /** `sql` is given wherever the lab's experiments get one (labs with needsSql). */
  check(impl: Impl, opts: { seed: number; numRuns: number; sql?: () => SqlDriver }): PropertyOutcome;
}

export interface LabDefinition<Impl> {
  /** An id from shared/labs/catalog.ts. */
  id: string;
  /** What the lab shows and why a candidate cares (Markdown, our own words). */
  intro: string;
  /**
   * The implementation the user reads and may edit: one self-contained TypeScript file with no
   * imports (so the app can transpile and run an edited copy in a sandboxed Worker).
   */
  implementationFile: string;
  reference: Impl;
  experiments: readonly Experiment<Impl>[];
  properties: readonly LabProperty<Impl>[];
  /** Where the lab stands on the choices it makes (e.g. "SQLite via sql.js in the Worker"). */
  notes?: string[];
  /**
   * The lab calls `ctx.sql`: the app then loads SQLite (sql.js) into its sandbox Worker before the
   * run. Node (tests, the claims command) always provides better-sqlite3.
   */
  needsSql?: boolean;
}
