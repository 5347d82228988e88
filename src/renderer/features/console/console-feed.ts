import type { PanelClient } from '../../api/panel-client';
import type { ConsoleStore } from './console-store';

/**
 * Feeds the console store from the pushed `console` events. There is no backlog to fetch:
 * output written while the panel was away is not replayed.
 */
export function attachConsoleFeed(client: PanelClient, store: ConsoleStore): () => void {
  return client.on('console', (outputs) => store.getState().ingest(outputs));
}
