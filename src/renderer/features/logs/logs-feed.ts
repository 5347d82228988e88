import type { PanelClient } from '../../api/panel-client';
import { describeError } from '../../lib/errors';
import type { LogsStore } from './logs-store';

/**
 * Feeds the logs store: live `logs` events, plus a `logs.tail` whenever the event stream
 * (re)connects, asking only for what came after the newest seq held (the store drops
 * duplicates, so overlap with live events is harmless). Tails never run concurrently: a
 * request made while one is in flight runs once more after it, from the then-newest seq.
 */
export function attachLogsFeed(client: PanelClient, store: LogsStore): () => void {
  let running = false;
  let again = false;
  let disposed = false;

  const sync = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const { lastSeq, maxEntries } = store.getState();
        const res = await client.call(
          'logs.tail',
          lastSeq >= 0 ? { limit: maxEntries, afterSeq: lastSeq } : { limit: maxEntries },
        );
        if (disposed) return;
        store.getState().ingestTail(res.entries, res.lastSeq, lastSeq);
      } while (again && !disposed);
    } catch (err) {
      if (!disposed) store.getState().setLoadError(describeError(err));
    } finally {
      running = false;
    }
  };

  const loadLevel = async (): Promise<void> => {
    try {
      const { level } = await client.call('logs.getLevel', {});
      if (!disposed) store.getState().setRuntimeLevel(level);
    } catch {
      // shown as unknown; the tail's error (same cause) is what the operator sees
    }
  };

  const offLogs = client.on('logs', (entries) => store.getState().ingest(entries));
  const offConnection = client.onConnection((status) => {
    if (status.state === 'connected') {
      void sync();
      void loadLevel();
    }
  });
  void sync();
  void loadLevel();

  return () => {
    disposed = true;
    offLogs();
    offConnection();
  };
}
