import type { PanelClient } from '../api/panel-client';
import { describeError } from './errors';

/** What one panel feed does; `attachLiveFeed` supplies the timing every feed shares. */
export interface LiveFeed {
  /**
   * Fetches a snapshot into the store. `isStale()` turns true once the feed is disposed or a
   * superseding event arrived after the request left: an older answer must then be dropped.
   */
  refresh(isStale: () => boolean): Promise<void>;
  /** Subscribes to the pushed events; a handler whose event supersedes a snapshot calls `pushed()`. */
  events(pushed: () => void): (() => void)[];
  onError(message: string): void;
}

/**
 * Runs a feed: a snapshot on start and after every reconnect (pushes may have been missed while
 * the stream was down), the live events in between. Returns the function that detaches it.
 */
export function attachLiveFeed(client: PanelClient, feed: LiveFeed): () => void {
  let disposed = false;
  let eventsSeen = 0;
  const refresh = async (): Promise<void> => {
    const seenAtRequest = eventsSeen;
    try {
      await feed.refresh(() => disposed || eventsSeen !== seenAtRequest);
    } catch (err) {
      if (!disposed) feed.onError(describeError(err));
    }
  };
  const offEvents = feed.events(() => void eventsSeen++);
  const offConnection = client.onConnection((s) => {
    if (s.state === 'connected' && !disposed) void refresh();
  });
  void refresh();
  return () => {
    disposed = true;
    for (const off of offEvents) off();
    offConnection();
  };
}
