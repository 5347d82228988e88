import { ApiCallError } from '../../../shared/contract';
import type { PanelClient } from '../../api/panel-client';
import { describeError } from '../../lib/errors';
import { secretChangesToSend } from './secrets';
import type { SettingsStore } from './settings-store';
import { fromApiIssues } from './validation';

/** Loads the config for editing (`config.get`). */
export async function loadSettings(client: PanelClient, store: SettingsStore): Promise<void> {
  try {
    store.getState().load(await client.call('config.get', {}));
  } catch (err) {
    store.getState().setLoadError(describeError(err));
  }
}

/**
 * Saves the draft (`config.set`) with the secret changes, then reloads what the runtime stored.
 * A BAD_REQUEST's issues are kept on the store and shown at their fields.
 */
export async function saveSettings(client: PanelClient, store: SettingsStore): Promise<boolean> {
  const s = store.getState();
  if (!s.draft || s.saving) return false;
  s.setSaving(true);
  try {
    const secrets = secretChangesToSend(s.draft, {
      secrets: s.snapshot?.secrets ?? {},
      changes: s.secretChanges,
      serverOrigins: s.serverOrigins,
    });
    await client.call('config.set', { config: s.draft, secrets });
    const fresh = await client.call('config.get', {});
    store.getState().load(fresh);
    store.getState().setSaveResult({ savedAt: Date.now() });
    return true;
  } catch (err) {
    if (err instanceof ApiCallError && err.code === 'BAD_REQUEST' && err.issues?.length) {
      store.getState().setSaveResult({ error: err.message, issues: fromApiIssues(err.issues) });
    } else {
      store.getState().setSaveResult({ error: describeError(err) });
    }
    return false;
  } finally {
    store.getState().setSaving(false);
  }
}
