import type { PanelClient } from '../../api/panel-client';
import { attachLiveFeed } from '../../lib/live-feed';
import type { StatusStore } from './status-store';

/**
 * Feeds the status store: `app.info` and `status.get` on start and after every reconnect
 * (pushes may have been missed), then live `status` events.
 */
export function attachStatusFeed(client: PanelClient, store: StatusStore): () => void {
  return attachLiveFeed(client, {
    refresh: async (isStale) => {
      const [info, status] = await Promise.all([client.call('app.info', {}), client.call('status.get', {})]);
      if (isStale()) return;
      store.getState().setInfo(info);
      store.getState().setStatus(status);
    },
    events: () => [client.on('status', (status) => store.getState().setStatus(status))],
    onError: (message) => store.getState().setError(message),
  });
}
