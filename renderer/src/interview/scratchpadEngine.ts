/**
 * The scratchpad's engine (mathjs, about 600 KB of script) loads apart from the interview screen:
 * evaluating it before the whiteboard is drawn delayed the board by a third of a second. The screen
 * asks for it once the board is ready, or when the Estimates tab opens, whichever comes first.
 */
import { useEffect, useState } from 'react';
import type { evaluateScratchpad } from '../../../shared/domain/scratchpad';

type Evaluate = typeof evaluateScratchpad;

let engine: Promise<Evaluate> | null = null;

export function loadScratchpadEngine(): Promise<Evaluate> {
  engine ??= import('../../../shared/domain/scratchpad').then((m) => m.evaluateScratchpad);
  return engine;
}

/** The evaluator once loaded (null until then); asking for it starts the load. */
export function useScratchpadEngine(): Evaluate | null {
  const [evaluate, setEvaluate] = useState<Evaluate | null>(null);
  useEffect(() => {
    let live = true;
    void loadScratchpadEngine().then((fn) => {
      if (live) setEvaluate(() => fn);
    });
    return () => {
      live = false;
    };
  }, []);
  return evaluate;
}
