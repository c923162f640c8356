/**
 * Runs one fast-check property on bounded runs with a fixed seed and turns the result into the
 * framework's PropertyOutcome, so every lab reports a failing property the same way: the smallest
 * counterexample fast-check found, printed for people, and the broken expectation in words.
 */
import fc from 'fast-check';
import type { PropertyOutcome } from './framework';

export function checkProperty<Ts extends [unknown, ...unknown[]]>(
  property: fc.IProperty<Ts>,
  opts: { seed: number; numRuns: number },
): PropertyOutcome {
  const details = fc.check(property, { seed: opts.seed, numRuns: opts.numRuns });
  if (!details.failed) return { ok: true, numRuns: details.numRuns };
  const error = details.errorInstance;
  return {
    ok: false,
    numRuns: details.numRuns,
    counterexample: details.counterexample ? fc.stringify(details.counterexample) : undefined,
    message: error instanceof Error ? error.message : error === undefined ? undefined : String(error),
  };
}

/** Throws with a readable message, so a property's counterexample says what broke. */
export function expectThat(ok: boolean, message: () => string): void {
  if (!ok) throw new Error(message());
}

/** Formats numbers for claims rows: 12345.6 → "12,346", 0.0123 → "0.0123". */
export function fmt(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** A percentage with the given decimals: 0.0123 → "1.23%". */
export function pct(fraction: number, digits = 1): string {
  return `${(fraction * 100).toFixed(digits)}%`;
}
