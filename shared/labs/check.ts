/**
 * Runs fast-check properties with a fixed seed and a bounded number of runs and turns the result
 * into a PropertyOutcome: the smallest counterexample printed for people, and the broken expectation
 * in words. Shared by every lab's properties, for the reference and for the user's edited version.
 */
import fc from 'fast-check';
import type { PropertyOutcome } from './framework';

/** Checks a whole fast-check property (any number of arbitraries). */
export function checkFcProperty<Ts extends [unknown, ...unknown[]]>(
  property: fc.IProperty<Ts>,
  opts: { seed: number; numRuns: number },
): PropertyOutcome {
  const details = fc.check(property, { seed: opts.seed, numRuns: opts.numRuns });
  if (!details.failed) return { ok: true, numRuns: details.numRuns };
  const error = details.errorInstance;
  const example = details.counterexample;
  return {
    ok: false,
    numRuns: details.numRuns,
    // One arbitrary: print its value, not a one-element tuple.
    counterexample: example ? fc.stringify(example.length === 1 ? example[0] : example) : undefined,
    message: error instanceof Error ? error.message : String(error ?? 'The property returned false'),
  };
}

/** Checks that `predicate` holds (does not throw) for every value `arbitrary` generates. */
export function checkProperty<T>(
  arbitrary: fc.Arbitrary<T>,
  predicate: (value: T) => void,
  opts: { seed: number; numRuns: number },
): PropertyOutcome {
  return checkFcProperty(
    fc.property(arbitrary, (value) => {
      predicate(value);
    }),
    opts,
  );
}

/** Throws a readable failure inside a property (fast-check reports the message with the counterexample). */
export function expectThat(condition: boolean, message: string | (() => string)): asserts condition {
  if (!condition) throw new Error(typeof message === 'string' ? message : message());
}
