import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../../../shared/contract';
import { defaultConfig } from '../../../shared/config/schema';
import { configSnapshot, runtimeFake } from '../../test-support/fake-client';
import { setIn } from './config-paths';
import { loadSettings, saveSettings, watchConfigFile } from './settings-actions';
import { createSettingsStore } from './settings-store';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('settings and hand edits of config.json', () => {
  it('reloads a hand edit when the form has no unsaved edits', async () => {
    let stored = defaultConfig();
    const client = runtimeFake().handle('config.get', () => configSnapshot({ stored }));
    const store = createSettingsStore();
    await loadSettings(client, store);
    const stop = watchConfigFile(client, store);
    stored = setIn(stored, ['bot', 'name'], 'by-hand') as typeof stored;
    client.push('config', { loaded: true, paths: ['bot.name'], revision: 'rev-2', error: null });
    await settle();
    expect((store.getState().draft as { bot: { name: string } }).bot.name).toBe('by-hand');
    stop();
  });

  it('keeps unsaved edits and says the file changed; the save carries the base revision', async () => {
    const client = runtimeFake();
    let sentBase: string | undefined;
    client.handle('config.set', ({ baseRevision }) => {
      sentBase = baseRevision;
      return { ok: true as const, revision: 'rev-3' };
    });
    const store = createSettingsStore();
    await loadSettings(client, store);
    const stop = watchConfigFile(client, store);
    store.getState().setField(['bot', 'name'], 'mine');
    client.push('config', { loaded: true, paths: ['logging.ringSize'], revision: 'rev-2', error: null });
    await settle();
    expect((store.getState().draft as { bot: { name: string } }).bot.name).toBe('mine');
    expect(store.getState().diskNotice).toMatch(/logging\.ringSize/);
    await saveSettings(client, store);
    expect(sentBase).toBe('rev-0');
    expect(store.getState().diskNotice).toBeNull();
    stop();
  });

  it('shows an invalid hand edit, and a CONFLICT marks the keys', async () => {
    const client = runtimeFake().handle('config.set', () => {
      throw new ApiCallError({
        code: 'CONFLICT',
        message: 'Config not saved: both sides changed "bot.name"',
        issues: [{ path: ['bot', 'name'], message: 'changed on both sides' }],
      });
    });
    const store = createSettingsStore();
    await loadSettings(client, store);
    const stop = watchConfigFile(client, store);
    client.push('config', {
      loaded: false,
      paths: [],
      revision: 'rev-0',
      error: 'Invalid config file: bad JSON',
    });
    expect(store.getState().diskError).toMatch(/bad JSON/);
    store.getState().setField(['bot', 'name'], 'mine');
    expect(await saveSettings(client, store)).toBe(false);
    expect(store.getState().serverIssues.map((i) => i.key)).toEqual(['bot.name']);
    stop();
  });
});
