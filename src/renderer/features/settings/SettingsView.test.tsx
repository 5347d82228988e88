import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiCallError } from '../../../shared/contract';
import { defaultConfig, type Config } from '../../../shared/config/schema';
import { ApiProvider } from '../../api/api-context';
import { configSnapshot, runtimeFake } from '../../test-support/fake-client';
import { setIn } from './config-paths';
import { SettingsView } from './SettingsView';
import { useSettingsStore } from './settings-store';

const initial = useSettingsStore.getState();
beforeEach(() => useSettingsStore.setState(initial, true));
afterEach(() => cleanup());

const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
const TOKEN = 'MTIz.super-secret-token.XYZ';

async function renderSettings(options: Parameters<typeof configSnapshot>[0] = {}) {
  let stored: unknown = options.stored ?? defaultConfig();
  let secrets = options.secrets ?? {};
  const client = runtimeFake()
    .handle('config.get', () => configSnapshot({ ...options, stored, secrets }))
    .handle('config.set', ({ config, secrets: changes }) => {
      if ((config as Config).bot.name === 'taken') {
        throw new ApiCallError({
          code: 'BAD_REQUEST',
          message: 'invalid config: bot.name: that name is taken',
          issues: [{ path: ['bot', 'name'], message: 'that name is taken' }],
        });
      }
      stored = config;
      secrets = { ...secrets };
      for (const [path, value] of Object.entries(changes ?? {})) secrets[path] = value !== null;
      return { ok: true as const, revision: 'rev-1' };
    });
  const view = render(
    <ApiProvider client={client}>
      <SettingsView />
    </ApiProvider>,
  );
  await settle();
  return { client, ...view };
}

const row = (path: string) => document.querySelector<HTMLElement>(`[data-path="${path}"]`)!;
const saveButton = () => screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement;

describe('SettingsView', () => {
  it('validates with the shared schema as the operator types: errors inline, Save disabled', async () => {
    await renderSettings();
    expect(saveButton().disabled).toBe(true);
    const maxLength = within(row('pipeline.maxLength')).getByRole('textbox');
    fireEvent.change(maxLength, { target: { value: '3' } });
    expect(row('pipeline.maxLength').textContent).toContain('At least 16.');
    expect(maxLength.getAttribute('aria-invalid')).toBe('true');
    expect(saveButton().disabled).toBe(true);
    expect(screen.getByTestId('settings-problems').textContent).toContain('pipeline.maxLength');

    fireEvent.change(maxLength, { target: { value: 'lots' } });
    expect(row('pipeline.maxLength').textContent).toContain('Enter a number.');
    fireEvent.change(maxLength, { target: { value: '4000' } });
    expect(row('pipeline.maxLength').textContent).not.toContain('Enter a number.');
    expect(saveButton().disabled).toBe(false);
    expect(screen.getByTestId('settings-status').textContent).toBe('Unsaved changes');
  });

  it('saves the whole config, then shows what the runtime stored', async () => {
    const { client } = await renderSettings();
    const triggers = within(row('pipeline.triggers')).getByRole('textbox', { name: 'Add to Triggers' });
    fireEvent.change(triggers, { target: { value: '!' } });
    fireEvent.keyDown(triggers, { key: 'Enter' });
    fireEvent.click(within(row('pipeline.triggers')).getByRole('button', { name: 'Remove +' }));
    await act(async () => fireEvent.click(saveButton()));
    await settle();
    const set = client.calls.find((c) => c.method === 'config.set')!.input as {
      config: Config;
      secrets: object;
    };
    expect(set.config.pipeline.triggers).toEqual(['!']);
    expect(set.secrets).toEqual({});
    expect(screen.getByTestId('settings-status').textContent).toMatch(/Saved/);
    expect(useSettingsStore.getState().snapshot?.stored).toMatchObject({ pipeline: { triggers: ['!'] } });
  });

  it('edits the Discord slash command scope and the presence status', async () => {
    const { client } = await renderSettings();
    fireEvent.change(within(row('discord.commands.scope')).getByRole('combobox'), {
      target: { value: 'guilds' },
    });
    fireEvent.change(within(row('discord.presence.status')).getByRole('combobox'), {
      target: { value: 'dnd' },
    });
    await act(async () => fireEvent.click(saveButton()));
    await settle();
    const set = client.calls.find((c) => c.method === 'config.set')!.input as { config: Config };
    expect(set.config.discord.commands.scope).toBe('guilds');
    expect(set.config.discord.presence).toEqual({ status: 'dnd', activity: null });
  });

  it('shows the runtime’s BAD_REQUEST issues at their fields until edited', async () => {
    await renderSettings();
    const name = within(row('bot.name')).getByRole('textbox');
    fireEvent.change(name, { target: { value: 'taken' } });
    await act(async () => fireEvent.click(saveButton()));
    await settle();
    expect(row('bot.name').textContent).toContain('that name is taken');
    expect(row('bot.name').textContent).toContain('(runtime)');
    fireEvent.change(name, { target: { value: 'free' } });
    expect(row('bot.name').textContent).not.toContain('that name is taken');
  });

  it('never renders a secret: only whether it is set; a new one goes to config.set by path', async () => {
    const { client, container } = await renderSettings({ secrets: { 'discord.token': true } });
    const token = row('discord.token');
    expect(within(token).getByTestId('secret-discord.token').textContent).toBe('set');
    fireEvent.click(within(token).getByRole('button', { name: 'Replace' }));
    const input = within(token).getByLabelText('New Bot token') as HTMLInputElement;
    expect(input.type).toBe('password');
    fireEvent.change(input, { target: { value: TOKEN } });
    expect(container.innerHTML).not.toContain(TOKEN);
    expect(within(token).getByTestId('secret-discord.token').textContent).toBe('new value on save');
    await act(async () => fireEvent.click(saveButton()));
    await settle();
    const set = client.calls.find((c) => c.method === 'config.set')!.input as {
      config: Config;
      secrets: Record<string, string | null>;
    };
    expect(set.secrets).toEqual({ 'discord.token': TOKEN });
    expect(set.config.discord.token).toBeNull();
    expect(container.innerHTML).not.toContain(TOKEN);
    expect(within(row('discord.token')).queryByLabelText('New Bot token')).toBeNull();
    expect(within(row('discord.token')).getByTestId('secret-discord.token').textContent).toBe('set');

    fireEvent.click(within(row('discord.token')).getByRole('button', { name: 'Clear' }));
    expect(within(row('discord.token')).getByTestId('secret-discord.token').textContent).toBe(
      'cleared on save',
    );
  });

  it('shows keys overridden for this run read-only, with the running value', async () => {
    const stored = setIn(defaultConfig(), ['pipeline', 'triggers'], ['+']);
    const client = runtimeFake().handle('config.get', () => ({
      ...configSnapshot({ stored, overridden: ['pipeline.triggers'] }),
      config: setIn(stored, ['pipeline', 'triggers'], ['!', '?']),
    }));
    render(
      <ApiProvider client={client}>
        <SettingsView />
      </ApiProvider>,
    );
    await settle();
    const triggers = row('pipeline.triggers');
    expect(triggers.textContent).toContain('["!","?"]');
    expect(triggers.textContent).toContain('Overridden for this run');
    expect(within(triggers).queryByRole('textbox')).toBeNull();
  });

  it('adds an IRC server whose SASL password is required, and shows the raw effective config', async () => {
    await renderSettings();
    fireEvent.click(screen.getByRole('button', { name: 'Add server' }));
    const server = screen.getByRole('group', { name: 'IRC server 1' });
    fireEvent.change(within(row('irc.servers.0.host')).getByRole('textbox'), {
      target: { value: 'irc.example.org' },
    });
    fireEvent.click(within(server).getByRole('switch', { name: 'SASL for IRC server 1' }));
    fireEvent.change(within(row('irc.servers.0.sasl.account')).getByRole('textbox'), {
      target: { value: 'bot' },
    });
    expect(row('irc.servers.0.sasl.password').textContent).toContain('Required.');
    expect(saveButton().disabled).toBe(true);
    fireEvent.click(within(row('irc.servers.0.sasl.password')).getByRole('button', { name: 'Set' }));
    fireEvent.change(screen.getByLabelText('New SASL password'), { target: { value: 'pw' } });
    expect(saveButton().disabled).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Raw JSON' }));
    expect(screen.getByLabelText('Effective config as JSON').textContent).toContain('"maxLength": 2000');
  });

  it('shows an invalid hand edit of config.json pushed by the runtime, and clears it once fixed', async () => {
    const { client } = await renderSettings();
    expect(screen.queryByTestId('config-disk-error')).toBeNull();
    await act(async () => {
      client.push('config', {
        loaded: false,
        paths: [],
        revision: 'rev-0',
        error: 'Invalid config file: bad JSON',
      });
    });
    expect(screen.getByTestId('config-disk-error').textContent).toContain('bad JSON');
    await act(async () => {
      client.push('config', { loaded: true, paths: ['bot.name'], revision: 'rev-2', error: null });
    });
    await settle();
    expect(screen.queryByTestId('config-disk-error')).toBeNull();
  });

  it('marks the Discord token as to be entered again when discord.api is edited', async () => {
    await renderSettings({ secrets: { 'discord.token': true } });
    expect(within(row('discord.token')).getByTestId('secret-discord.token').textContent).not.toBe(
      'must be entered again',
    );
    await act(async () => {
      useSettingsStore.getState().setField(['discord', 'api'], 'https://elsewhere.example/api');
    });
    expect(within(row('discord.token')).getByTestId('secret-discord.token').textContent).toBe(
      'must be entered again',
    );
  });
});
