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
 * Live lines reach the store at most this often (ms): 20 list updates a second read as live,
 * and under a flood (20 000 lines/s) the frames in between stay free for scrolling and typing.
 */
export const MIN_FLUSH_INTERVAL_MS = 50;

export interface FeedOptions {
  frame?: FrameScheduler;
  minIntervalMs?: number;
  now?: () => number;
}

/**
 * Feeds the logs store: live `logs` events, plus a `logs.tail` whenever the event stream
 * (re)connects, asking only for what came after the newest seq held (the store drops
 * duplicates, so overlap with live events is harmless). Tails never run concurrently: a
 * request made while one is in flight runs once more after it, from the then-newest seq.
 *
 * Live lines are handed to the store in an animation frame, however many event frames arrived
 * meanwhile, and at most every `minIntervalMs`: one store update and one render per painted
 * update. While the page is hidden (no frames) the pending lines stay bounded by the store's
 * own limit.
 */
export function attachLogsFeed(client: PanelClient, store: LogsStore, options: FeedOptions = {}): () => void {
  const frame = options.frame ?? nextFrame;
  const minInterval = options.minIntervalMs ?? MIN_FLUSH_INTERVAL_MS;
  const now = options.now ?? (() => performance.now());
  let lastFlush = Number.NEGATIVE_INFINITY;
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
    lastFlush = now();
    store.getState().ingest(batch);
  };

  const flushWhenDue = (): void => {
    if (disposed) return;
    if (now() - lastFlush < minInterval) {
      frame(flushWhenDue);
      return;
    }
    flush();
  };

  const onLogs = (entries: LogEntry[]): void => {
    pending = pending.length ? pending.concat(entries) : entries;
    const max = store.getState().maxEntries;
    if (pending.length > max * 2) pending = pending.slice(pending.length - max);
    if (!scheduled) {
      scheduled = true;
      frame(flushWhenDue);
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
