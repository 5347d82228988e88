import type { PanelClient } from '../../api/panel-client';
import { commandActions } from './commands-actions';
import type { CommandsStore } from './commands-store';

/**
 * Feeds the commands store: `commands.list` on start and after every reconnect; every `reload`
 * event (from the console, chat, the panel or the file watcher) shows its report and refreshes
 * the list and the file states.
 */
export function attachCommandsFeed(client: PanelClient, store: CommandsStore): () => void {
  const actions = commandActions(client, store);
  let disposed = false;
  const offReload = client.on('reload', (report) => {
    if (!disposed) void actions.onReloadEvent(report);
  });
  const offConnection = client.onConnection((s) => {
    if (s.state === 'connected' && !disposed) void actions.refresh();
  });
  void actions.refresh();
  return () => {
    disposed = true;
    offReload();
    offConnection();
  };
}
