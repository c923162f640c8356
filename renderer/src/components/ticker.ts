/**
 * One shared 4 Hz clock for everything that shows time. Components read it through `useNow` with a
 * selector that returns a primitive (such as the formatted "4:07"), so React re-renders only the
 * components whose text actually changed — never the screen around them. The interval runs only
 * while something is subscribed. Time always comes from Date.now(), never from counting ticks, so a
 * busy page is never slowed down by it.
 */
import { useCallback, useSyncExternalStore } from 'react';

export const TICK_MS = 250;

let nowMs = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;
const listeners = new Set<() => void>();

function tick() {
  nowMs = Date.now();
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    nowMs = Date.now(); // React compares the snapshot again right after subscribing
    timer = setInterval(tick, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/**
 * The current time passed through `select`; the component re-renders only when the selected value
 * changes (compare with Object.is, so return a string, number or boolean).
 */
export function useNow<T extends string | number | boolean | null>(select: (nowMs: number) => T): T {
  // The snapshot must be the same between ticks; `select` is pure, so derive it from the stored time.
  const getSnapshot = useCallback(() => select(nowMs), [select]);
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}
