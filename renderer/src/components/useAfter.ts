/**
 * False until `ms` after the component mounted. A "Loading…" line waits this long, so a fast
 * answer never makes it flash, and a slow one still says what is happening.
 */
import { useEffect, useState } from 'react';

export function useAfter(ms: number): boolean {
  const [after, setAfter] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setAfter(true), ms);
    return () => clearTimeout(timer);
  }, [ms]);
  return after;
}
