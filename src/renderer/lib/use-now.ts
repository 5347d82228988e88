import { useEffect, useState } from 'react';

/**
 * The current time, re-rendering every `intervalMs` while `active`. The value is refreshed
 * right after activation too; a component that must never show a stale first frame should be
 * remounted (keyed) when it becomes active instead.
 */
export function useNow(intervalMs = 1000, active = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return undefined;
    const tick = (): void => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, intervalMs);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [intervalMs, active]);
  return now;
}
