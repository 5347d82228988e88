import type { PanelClient } from '../../api/panel-client';
import { describeError } from '../../lib/errors';
import type { LogEntry } from '../../../shared/dto/log';
import type { LogsStore } from './logs-store';

/** Runs work before the next paint (requestAnimationFrame), or soon where there is none. */
export type FrameScheduler = (work: () => void) => void;

const nextFrame: FrameScheduler = (work) => {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => work());
  else setTimeout(work, 16);
};

/**
 * Feeds the logs store: live `logs` events, plus a `logs.tail` whenever the event stream
 * (re)connects, asking only for what came after the newest seq held (the store drops
 * duplicates, so overlap with live events is harmless). Tails never run concurrently: a
 * request made while one is in flight runs once more after it, from the then-newest seq.
 *
 * Live lines are handed to the store at most once per animation frame, however many event
 * frames arrived in it: one store update and one render per painted frame. While the page
 * is hidden (no frames) the pending lines stay bounded by the store's own limit.
 */
export function attachLogsFeed(
  client: PanelClient,
  store: LogsStore,
  frame: FrameScheduler = nextFrame,
): () => void {
  let running = false;
  let again = false;
  let disposed = false;
  let pending: LogEntry[] = [];
  let scheduled = false;

  const flush = (): void => {
    scheduled = false;
    if (disposed || pending.length === 0) return;
    const batch = pending;
    pending = [];
    store.getState().ingest(batch);
  };

  const onLogs = (entries: LogEntry[]): void => {
    pending = pending.length ? pending.concat(entries) : entries;
    const max = store.getState().maxEntries;
    if (pending.length > max * 2) pending = pending.slice(pending.length - max);
    if (!scheduled) {
      scheduled = true;
      frame(flush);
    }
  };

  const sync = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        flush();
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

  const offLogs = client.on('logs', onLogs);
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
    pending = [];
    offLogs();
    offConnection();
  };
}

/** Loads the next older page of history for the current filter (no-op while one is loading). */
export async function loadOlderLogs(client: PanelClient, store: LogsStore, limit = 500): Promise<void> {
  const ask = store.getState().beginHistory();
  if (!ask) return;
  const { before, filter } = ask;
  try {
    const page = await client.call('logs.history', {
      ...(before ? { before } : {}),
      limit,
      match: {
        minLevel: filter.minLevel,
        text: filter.text,
        from: filter.from ?? null,
        to: filter.to ?? null,
      },
    });
    store.getState().addHistory(filter, page.entries, page.next);
  } catch (err) {
    store.getState().failHistory(filter, describeError(err));
  }
}
