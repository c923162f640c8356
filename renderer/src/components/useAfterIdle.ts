/**
 * False until the page's first idle moment after the component mounted. For details that may
 * appear a moment later but cost time to make, where that time would otherwise hold back the
 * screen's first frame (the first date formatted loads the locale's data: ~10 ms).
 */
import { useEffect, useState } from 'react';

export function useAfterIdle(): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    if (idle) return;
    const handle = requestIdleCallback(() => setIdle(true), { timeout: 1000 });
    return () => cancelIdleCallback(handle);
  }, [idle]);
  return idle;
}
