import { BrowserClient } from './browser-client';
import { electronClient } from './electron-client';
import type { PanelClient } from './panel-client';
import { withRuntimeRestarts } from './runtime-restarts';

/**
 * `window.api` in Electron; a fetch + WebSocket client against this page's origin otherwise.
 * Either way views re-fetch after a runtime restart as after a reconnect.
 */
export function createPanelClient(win: Window = window): PanelClient {
  if (win.api) return withRuntimeRestarts(electronClient(win.api));
  const client = new BrowserClient({
    origin: win.location.origin,
    href: win.location.href,
    storage: storageOf(win),
    replaceUrl: (url) => win.history.replaceState(win.history.state, '', url),
    fetch: (input, init) => win.fetch(input, init),
    openSocket: (url) => new WebSocket(url),
  });
  client.start();
  return withRuntimeRestarts(client);
}

function storageOf(win: Window): Storage | null {
  try {
    return win.sessionStorage;
  } catch {
    return null;
  }
}
