import type { PanelClient } from '../../api/panel-client';
import { describeError } from '../../lib/errors';
import type { StatusStore } from './status-store';

/**
 * Feeds the status store: `app.info` and `status.get` on start and after every reconnect
 * (pushes may have been missed), then live `status` events.
 */
export function attachStatusFeed(client: PanelClient, store: StatusStore): () => void {
  let disposed = false;
  const refresh = async (): Promise<void> => {
    try {
      const [info, status] = await Promise.all([client.call('app.info', {}), client.call('status.get', {})]);
      if (disposed) return;
      store.getState().setInfo(info);
      store.getState().setStatus(status);
    } catch (err) {
      if (!disposed) store.getState().setError(describeError(err));
    }
  };
  const offStatus = client.on('status', (status) => store.getState().setStatus(status));
  const offConnection = client.onConnection((s) => {
    if (s.state === 'connected') void refresh();
  });
  void refresh();
  return () => {
    disposed = true;
    offStatus();
    offConnection();
  };
}
