/**
 * Long lists on a first screen (the library's 125 cards) cost more to lay out than the screen
 * shows. This draws the first rows at once and the rest right after the first frame, in a
 * transition, so the screen appears sooner and typing or clicking can interrupt the rest.
 */
import { startTransition, useEffect, useState } from 'react';

export function useProgressiveCount(total: number, firstCount: number): number {
  const [shown, setShown] = useState(firstCount);
  useEffect(() => {
    if (shown >= total) return;
    let timeout: ReturnType<typeof setTimeout> | undefined;
    // After the frame that paints the first rows (a timeout queued from rAF runs after the paint).
    const frame = requestAnimationFrame(() => {
      timeout = setTimeout(() => startTransition(() => setShown(total)), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timeout);
    };
  }, [shown, total]);
  return Math.min(shown, total);
}
