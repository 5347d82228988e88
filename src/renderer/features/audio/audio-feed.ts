import type { PanelClient } from '../../api/panel-client';
import { describeError } from '../../lib/errors';
import type { AudioStore } from './audio-store';

/**
 * Feeds the audio store: `audio.state` on start and after every reconnect, then the pushed
 * `audio` events (each a full state). An answer older than an event already seen is dropped.
 */
export function attachAudioFeed(client: PanelClient, store: AudioStore): () => void {
  let disposed = false;
  let eventsSeen = 0;
  const refresh = async (): Promise<void> => {
    const seenAtRequest = eventsSeen;
    try {
      const state = await client.call('audio.state', {});
      if (disposed || eventsSeen !== seenAtRequest) return;
      store.getState().setAudio(state);
    } catch (err) {
      if (!disposed) store.getState().setError(describeError(err));
    }
  };
  const offEvents = client.on('audio', (state) => {
    eventsSeen++;
    store.getState().setAudio(state);
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
