import type { PanelClient } from '../../api/panel-client';
import { attachLiveFeed } from '../../lib/live-feed';
import type { AudioStore } from './audio-store';

/**
 * Feeds the audio store: `audio.state` on start and after every reconnect, then the pushed
 * `audio` events (each a full state). An answer older than an event already seen is dropped.
 */
export function attachAudioFeed(client: PanelClient, store: AudioStore): () => void {
  return attachLiveFeed(client, {
    refresh: async (isStale) => {
      const state = await client.call('audio.state', {});
      if (!isStale()) store.getState().setAudio(state);
    },
    events: (pushed) => [
      client.on('audio', (state) => {
        pushed();
        store.getState().setAudio(state);
      }),
    ],
    onError: (message) => store.getState().setError(message),
  });
}
