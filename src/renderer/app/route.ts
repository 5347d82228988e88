import { useSyncExternalStore } from 'react';
import { DEFAULT_VIEW, isViewId, type ViewId } from './views';

/** `#/logs` → `logs`. Hash routing works the same from file:// (Electron) and http:// (browser). */
export function viewFromHash(hash: string): ViewId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return isViewId(id) ? id : DEFAULT_VIEW;
}

export function hrefOf(view: ViewId): string {
  return `#/${view}`;
}

const subscribe = (notify: () => void): (() => void) => {
  window.addEventListener('hashchange', notify);
  return () => window.removeEventListener('hashchange', notify);
};

/** The view named by the address bar's hash; navigation is plain links (`#/logs`). */
export function useCurrentView(): ViewId {
  return useSyncExternalStore(subscribe, () => viewFromHash(window.location.hash));
}
