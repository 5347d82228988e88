import type { PanelClient } from '../../api/panel-client';
import { attachLiveFeed } from '../../lib/live-feed';
import type { MetricsStore } from './metrics-store';

/**
 * Feeds the Status charts: the whole window (`metrics.get`) on start and after every reconnect
 * (a restarted runtime starts a new series), then each pushed `metrics` tick.
 */
export function attachMetricsFeed(client: PanelClient, store: MetricsStore): () => void {
  return attachLiveFeed(client, {
    refresh: async (isStale) => {
      const window = await client.call('metrics.get', {});
      if (!isStale()) store.getState().setWindow(window);
    },
    events: () => [client.on('metrics', (sample) => store.getState().append(sample))],
    onError: (message) => store.getState().setError(message),
  });
}
