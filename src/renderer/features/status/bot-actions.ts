import type { PanelClient } from '../../api/panel-client';
import type { StatusStore } from './status-store';

/**
 * The operator's bot actions, shared by the Status view, the Settings restart hint and the
 * command palette. Each rejects with the runtime's error for the caller to show.
 */
export async function stopBot(client: PanelClient, status: StatusStore): Promise<void> {
  status.getState().setStatus(await client.call('bot.stopAdapters', {}));
}

export async function startBot(client: PanelClient, status: StatusStore): Promise<void> {
  status.getState().setStatus(await client.call('bot.startAdapters', {}));
}

/** Asks the supervisor for a new runtime; the panel reconnects by itself once it runs. */
export async function restartRuntime(client: PanelClient): Promise<void> {
  await client.call('supervisor.restart', {});
}

export async function reloadCommands(client: PanelClient): Promise<string> {
  const report = await client.call('commands.reload', { force: false });
  const failed = report.failed.length;
  return failed > 0
    ? `Reloaded; ${failed} file${failed === 1 ? '' : 's'} failed to load`
    : 'Commands reloaded';
}
