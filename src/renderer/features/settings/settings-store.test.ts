import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../shared/config/schema';
import { configSnapshot, runtimeFake } from '../../test-support/fake-client';
import { setIn } from './config-paths';
import { loadSettings, saveSettings } from './settings-actions';
import { createSettingsStore, isDirty } from './settings-store';
import { NEW_IRC_SERVER } from './irc-server-defaults';
import { fromApiIssues } from './validation';

const servers = ['a', 'b', 'c'].map((host) => ({ ...NEW_IRC_SERVER, host }));
const stored = setIn(defaultConfig(), ['irc', 'servers'], servers);

describe('settings store', () => {
  it('edits a copy of the stored config and knows when it differs', () => {
    const store = createSettingsStore();
    store.getState().load(configSnapshot({ stored }));
    expect(isDirty(store.getState())).toBe(false);
    store.getState().setField(['bot', 'name'], 'robot');
    expect(isDirty(store.getState())).toBe(true);
    expect((store.getState().snapshot!.stored as { bot: { name: string } }).bot.name).toBe('bot');
    store.getState().setField(['bot', 'name'], 'bot');
    expect(isDirty(store.getState())).toBe(false);
    store.getState().setSecret('discord.token', 'x');
    expect(isDirty(store.getState())).toBe(true);
    store.getState().setSecret('discord.token', undefined);
    expect(isDirty(store.getState())).toBe(false);
  });

  it('moves typed secrets and origins with their server when one above is removed', () => {
    const store = createSettingsStore();
    store.getState().load(configSnapshot({ stored }));
    store.getState().setSecret('irc.servers.0.password', 'pa');
    store.getState().setSecret('irc.servers.2.password', 'pc');
    store.getState().setSecret('discord.token', null);
    store.getState().removeServer(1);
    expect(store.getState().serverOrigins).toEqual([0, 2]);
    expect(store.getState().secretChanges).toEqual({
      'irc.servers.0.password': 'pa',
      'irc.servers.1.password': 'pc',
      'discord.token': null,
    });
    store.getState().addServer({ ...NEW_IRC_SERVER, host: 'd' });
    expect(store.getState().serverOrigins).toEqual([0, 2, null]);
  });

  it('drops the runtime’s issues for a field once it is edited', () => {
    const store = createSettingsStore();
    store.getState().load(configSnapshot());
    store.getState().setSaveResult({
      error: 'invalid',
      issues: fromApiIssues([
        { path: ['bot', 'name'], message: 'taken' },
        { path: ['pipeline', 'triggers', 0], message: 'clash' },
      ]),
    });
    store.getState().setField(['pipeline', 'triggers'], ['!']);
    expect(store.getState().serverIssues.map((i) => i.key)).toEqual(['bot.name']);
  });

  it('loads, saves with the secrets to send, and reloads (typed secrets are dropped)', async () => {
    let saved: unknown = null;
    const client = runtimeFake()
      .handle('config.get', () => configSnapshot({ stored: saved ?? stored }))
      .handle('config.set', ({ config, secrets }) => {
        saved = config;
        expect(secrets).toEqual({ 'irc.servers.0.password': 'secret' });
        return { ok: true as const, revision: 'rev-1' };
      });
    const store = createSettingsStore();
    await loadSettings(client, store);
    store.getState().setSecret('irc.servers.0.password', 'secret');
    store.getState().setField(['bot', 'name'], 'robot');
    expect(await saveSettings(client, store)).toBe(true);
    expect(store.getState().secretChanges).toEqual({});
    expect(store.getState().savedAt).not.toBeNull();
    expect((store.getState().draft as { bot: { name: string } }).bot.name).toBe('robot');
  });
});
