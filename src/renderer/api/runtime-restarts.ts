import type { ConnectionStatus, PanelClient } from './panel-client';

/**
 * After a runtime restart the panel's connection never dropped (the supervisor holds it), but
 * everything the old runtime pushed is gone. This wrapper tells every `onConnection` listener
 * "connected" again once the new runtime runs, so each view re-fetches its state exactly as it
 * does after a reconnect. Everything else passes straight through to `client`.
 */
export function withRuntimeRestarts(client: PanelClient): PanelClient {
  const listeners = new Set<(status: ConnectionStatus) => void>();
  let down = false;
  client.on('supervisor', (status) => {
    if (status.state === 'restarting' || status.state === 'starting') {
      down = true;
      return;
    }
    if (status.state !== 'running' || !down) return;
    down = false;
    const connection = client.connection();
    if (connection.state !== 'connected') return; // the reconnect will refresh anyway
    for (const listener of [...listeners]) {
      try {
        listener(connection);
      } catch (err) {
        console.error('connection listener failed', err);
      }
    }
  });
  const onConnection = (listener: (status: ConnectionStatus) => void): (() => void) => {
    listeners.add(listener);
    const off = client.onConnection(listener);
    return () => {
      listeners.delete(listener);
      off();
    };
  };
  return new Proxy(client, {
    get(target, property) {
      if (property === 'onConnection') return onConnection;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
