import type { PanelClient } from '../../api/panel-client';
import { attachLiveFeed } from '../../lib/live-feed';
import type { RunningStore } from './running-store';

/**
 * Feeds the running store: `invocations.list` on start and after every reconnect, then the
 * `invocations` events, each carrying the whole list. A list answer that arrives after a newer
 * event is dropped (the event is newer than what the request saw).
 */
export function attachRunningFeed(client: PanelClient, store: RunningStore): () => void {
  return attachLiveFeed(client, {
    refresh: async (isStale) => {
      const { invocations } = await client.call('invocations.list', {});
      if (!isStale()) store.getState().setInvocations(invocations);
    },
    events: (pushed) => [
      client.on('invocations', (list) => {
        pushed();
        store.getState().setInvocations(list);
      }),
    ],
    onError: (message) => store.getState().setError(message),
  });
}
