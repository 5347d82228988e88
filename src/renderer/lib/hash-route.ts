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

/** `#/logs?find=abc` → `abc` for `find`; null when absent. */
export function hashParam(hash: string, name: string): string | null {
  const query = hash.split('?')[1];
  return query === undefined ? null : new URLSearchParams(query).get(name);
}

/** One query parameter of the hash route, re-rendering when it changes. */
export function useHashParam(name: string): string | null {
  return useSyncExternalStore(subscribe, () => hashParam(window.location.hash, name));
}
