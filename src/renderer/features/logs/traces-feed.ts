import type { PanelClient } from '../../api/panel-client';
import { describeError } from '../../lib/errors';
import type { TracesStore } from './traces-store';

/**
 * Feeds the traces store: `pipeline.traces` on start and after every reconnect (merged by id,
 * so overlap with live events is harmless), then the `traces` events.
 */
export function attachTracesFeed(client: PanelClient, store: TracesStore): () => void {
  let disposed = false;
  const refresh = async (): Promise<void> => {
    const { maxTraces, traces: held } = store.getState();
    const heldId = held.at(-1)?.id ?? -1;
    try {
      const { traces } = await client.call('pipeline.traces', { limit: maxTraces });
      if (!disposed) store.getState().ingestSnapshot(traces, heldId);
    } catch (err) {
      if (!disposed) store.getState().setError(describeError(err));
    }
  };
  const offTraces = client.on('traces', (traces) => store.getState().ingest(traces));
  const offConnection = client.onConnection((s) => {
    if (s.state === 'connected') void refresh();
  });
  void refresh();
  return () => {
    disposed = true;
    offTraces();
    offConnection();
  };
}
