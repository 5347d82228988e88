import type { PanelClient } from '../../api/panel-client';
import { describeError } from '../../lib/errors';
import type { RunningStore } from './running-store';

/**
 * Feeds the running store: `invocations.list` on start and after every reconnect, then the
 * `invocations` events, each carrying the whole list. A list answer that arrives after a newer
 * event is dropped (the event is newer than what the request saw).
 */
export function attachRunningFeed(client: PanelClient, store: RunningStore): () => void {
  let disposed = false;
  let eventsSeen = 0;
  const refresh = async (): Promise<void> => {
    const seenAtRequest = eventsSeen;
    try {
      const { invocations } = await client.call('invocations.list', {});
      if (disposed || eventsSeen !== seenAtRequest) return;
      store.getState().setInvocations(invocations);
    } catch (err) {
      if (!disposed) store.getState().setError(describeError(err));
    }
  };
  const offEvents = client.on('invocations', (list) => {
    eventsSeen++;
    store.getState().setInvocations(list);
  });
  const offConnection = client.onConnection((s) => {
    if (s.state === 'connected') void refresh();
  });
  void refresh();
  return () => {
    disposed = true;
    offEvents();
    offConnection();
  };
}
