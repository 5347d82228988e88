import { useSyncExternalStore } from 'react';

/** `#/logs/pipeline` → `['logs', 'pipeline']`. */
export function hashSegments(hash: string): string[] {
  return hash.replace(/^#\/?/, '').split('?')[0]!.split('/').filter(Boolean);
}

const subscribe = (notify: () => void): (() => void) => {
  window.addEventListener('hashchange', notify);
  return () => window.removeEventListener('hashchange', notify);
};

/** One segment of the hash route (0 is the view), re-rendering when it changes. */
export function useHashSegment(index: number): string | null {
  return useSyncExternalStore(subscribe, () => hashSegments(window.location.hash)[index] ?? null);
}
