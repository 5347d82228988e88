import { ApiCallError } from '../../../shared/contract';
import type { PanelClient } from '../../api/panel-client';
import { changedPaths, restartKeysIn } from '../../../shared/config/restart-keys';
import { describeError } from '../../lib/errors';
import { useStatusStore } from '../status/status-store';
import { useRestartHint } from './restart-hint';
import { secretChangesToSend } from './secrets';
import { isDirty, type SettingsStore } from './settings-store';
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
    const changed = [...changedPaths(s.snapshot?.stored, s.draft), ...Object.keys(secrets)];
    const baseRevision = s.snapshot?.revision;
    await client.call('config.set', {
      config: s.draft,
      secrets,
      ...(baseRevision !== undefined ? { baseRevision } : {}),
    });
    const fresh = await client.call('config.get', {});
    store.getState().load(fresh);
    useRestartHint.getState().add(restartKeysIn(changed), useStatusStore.getState().status?.pid ?? null);
    store.getState().setSaveResult({ savedAt: Date.now() });
    return true;
  } catch (err) {
    // BAD_REQUEST: invalid values; CONFLICT: keys config.json changed on disk as well
    if (
      err instanceof ApiCallError &&
      (err.code === 'BAD_REQUEST' || err.code === 'CONFLICT') &&
      err.issues?.length
    ) {
      store.getState().setSaveResult({ error: err.message, issues: fromApiIssues(err.issues) });
    } else {
      store.getState().setSaveResult({ error: describeError(err) });
    }
    return false;
  } finally {
    store.getState().setSaving(false);
  }
}

/**
 * config.json changed on disk (a hand edit): reload when the form has no unsaved edits; with
 * edits, only say so (a save merges into the new content, or names the keys both changed).
 */
export function watchConfigFile(client: PanelClient, store: SettingsStore): () => void {
  return client.on('config', (event) => {
    const s = store.getState();
    if (!s.snapshot) return;
    if (!event.loaded) {
      s.setDiskState({ error: event.error });
      return;
    }
    if (!isDirty(s)) {
      void loadSettings(client, store);
      return;
    }
    s.setDiskState({
      error: null,
      notice: `config.json was edited on disk (${event.paths.join(', ') || 'no effective change'}); saving merges your changes into it, or names the keys you both changed.`,
    });
  });
}
