/**
 * Runs one fast-check property with a fixed seed and a bounded number of runs and turns the result
 * into a PropertyOutcome: the smallest counterexample printed for people, and the broken expectation
 * in words. Shared by every lab's properties, for the reference and for the user's edited version.
 */
import fc from 'fast-check';
import type { PropertyOutcome } from './framework';

export function checkProperty<T>(
  arbitrary: fc.Arbitrary<T>,
  predicate: (value: T) => void,
  opts: { seed: number; numRuns: number },
): PropertyOutcome {
  const details = fc.check(
    fc.property(arbitrary, (value) => {
      predicate(value);
    }),
    { seed: opts.seed, numRuns: opts.numRuns },
  );
  if (!details.failed) return { ok: true, numRuns: details.numRuns };
  const error = details.errorInstance;
  return {
    ok: false,
    numRuns: details.numRuns,
    counterexample: details.counterexample ? fc.stringify(details.counterexample[0]) : undefined,
    message: error instanceof Error ? error.message : String(error ?? 'The property returned false'),
  };
}

/** Throws a readable failure inside a property (fast-check reports the message with the counterexample). */
export function expectThat(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}
