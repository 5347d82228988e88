import type { PanelClient } from '../../api/panel-client';
import { attachLiveFeed } from '../../lib/live-feed';
import type { TracesStore } from './traces-store';

/**
 * Feeds the traces store: `pipeline.traces` on start and after every reconnect (merged by id,
 * so overlap with live events is harmless), then the `traces` events.
 */
export function attachTracesFeed(client: PanelClient, store: TracesStore): () => void {
  return attachLiveFeed(client, {
    refresh: async (isStale) => {
      const { maxTraces, traces: held } = store.getState();
      const heldId = held.at(-1)?.id ?? -1;
      const { traces } = await client.call('pipeline.traces', { limit: maxTraces });
      if (!isStale()) store.getState().ingestSnapshot(traces, heldId);
    },
    events: () => [client.on('traces', (traces) => store.getState().ingest(traces))],
    onError: (message) => store.getState().setError(message),
  });
}
