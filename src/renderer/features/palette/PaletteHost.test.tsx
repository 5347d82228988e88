import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiCallError } from '../../../shared/contract';
import { PANEL_VIEWS } from '../../../shared/panel/views';
import { ApiProvider } from '../../api/api-context';
import { runtimeFake, SAMPLE_OVERVIEW, type FakeClient } from '../../test-support/fake-client';
import { useCommandsStore } from '../commands/commands-store';
import { PaletteHost } from './PaletteHost';
import { paletteItems } from './palette-items';
import { isTyping, keysFor } from './shortcuts';

const initialCommands = useCommandsStore.getState();
let client: FakeClient;
beforeEach(() => {
  useCommandsStore.setState({ ...initialCommands, overview: SAMPLE_OVERVIEW }, true);
  window.location.hash = '#/status';
  client = runtimeFake()
    .handle('commands.reload', () => ({ ...SAMPLE_OVERVIEW.lastReload!, failed: [] }))
    .handle('commands.readFile', ({ file }) => ({
      file,
      content: '// source',
      version: { mtimeMs: 1, hash: 'h1' },
    }))
    .handle('supervisor.restart', () => {
      throw new ApiCallError({ code: 'UNAVAILABLE', message: 'no supervisor' });
    });
});
afterEach(cleanup);

function renderHost() {
  render(
    <ApiProvider client={client}>
      <input aria-label="Some field" />
      <PaletteHost />
    </ApiProvider>,
  );
}

const press = (key: string, init: KeyboardEventInit = {}, target: EventTarget = document.body) =>
  act(
    () =>
      void target.dispatchEvent(
        new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }),
      ),
  );
const palette = () => screen.queryByRole('dialog', { name: 'Command palette' });
const search = (text: string) =>
  act(() => void fireEvent.change(within(palette()!).getByRole('combobox'), { target: { value: text } }));
const options = () =>
  within(palette()!)
    .queryAllByRole('option')
    .map((o) => o.textContent);
const settle = () => act(async () => new Promise((r) => setTimeout(r, 0)));

describe('command palette', () => {
  it('opens with Ctrl+K and with Cmd+K (also from a text field), closes with Escape', async () => {
    renderHost();
    expect(palette()).toBeNull();
    press('k', { ctrlKey: true }, screen.getByRole('textbox', { name: 'Some field' }));
    expect(palette()).not.toBeNull();
    press('Escape', {}, document.activeElement ?? document.body);
    expect(palette()).toBeNull();
    press('K', { metaKey: true });
    expect(palette()).not.toBeNull();
  });

  it('finds views, commands, files and settings; choosing a view navigates', async () => {
    renderHost();
    press('k', { ctrlKey: true });
    search('running');
    expect(options()).toContain('Go to Running');
    search('countdown');
    expect(options().some((o) => o?.startsWith('countdown.ts'))).toBe(true);
    search('rate limits');
    expect(options()).toContain('Settings: Rate limits');
    search('go to logs');
    fireEvent.click(within(palette()!).getByRole('option', { name: /Go to Logs/ }));
    expect(palette()).toBeNull();
    expect(window.location.hash).toBe('#/logs');
  });

  it('opens a command file in the editor', async () => {
    renderHost();
    press('k', { ctrlKey: true });
    search('countdown.ts');
    fireEvent.click(within(palette()!).getAllByRole('option', { name: /countdown\.ts/ })[0]!);
    await settle();
    expect(window.location.hash).toBe('#/commands');
    expect(client.calls.filter((c) => c.method === 'commands.readFile').map((c) => c.input)).toEqual([
      { file: 'countdown.ts' },
    ]);
    expect(useCommandsStore.getState().doc?.file).toBe('countdown.ts');
  });

  it('runs actions and reports the outcome, failures included', async () => {
    renderHost();
    press('k', { ctrlKey: true });
    search('reload commands');
    fireEvent.click(within(palette()!).getByRole('option', { name: /Reload commands/ }));
    await settle();
    expect(screen.getByTestId('palette-note').textContent).toBe('Commands reloaded');
    press('k', { ctrlKey: true });
    search('restart runtime');
    fireEvent.click(within(palette()!).getByRole('option', { name: /Restart runtime/ }));
    await settle();
    expect(screen.getByTestId('palette-note').textContent).toMatch(/Restart failed: .*no supervisor/);
  });
});

describe('shortcut sheet', () => {
  it('opens with ? outside text fields only, and from the palette', async () => {
    renderHost();
    press('?', {}, screen.getByRole('textbox', { name: 'Some field' }));
    expect(screen.queryByRole('dialog', { name: /keyboard shortcuts/i })).toBeNull();
    press('?');
    const sheet = screen.getByRole('dialog', { name: /keyboard shortcuts/i });
    expect(sheet.textContent).toContain('Run the line as a new command even while one waits');
    fireEvent.click(within(sheet).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog', { name: /keyboard shortcuts/i })).toBeNull();
    press('k', { ctrlKey: true });
    search('keyboard');
    fireEvent.click(within(palette()!).getByRole('option', { name: /Keyboard shortcuts/ }));
    await settle();
    expect(screen.getByRole('dialog', { name: /keyboard shortcuts/i })).toBeTruthy();
  });
});

describe('palette helpers', () => {
  it('lists every view, each action once, and every command and file', () => {
    const items = paletteItems({
      views: PANEL_VIEWS,
      overview: SAMPLE_OVERVIEW,
      sections: [{ id: 'bot', title: 'Bot' }],
    });
    expect(items.filter((i) => i.group === 'Views')).toHaveLength(PANEL_VIEWS.length);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    expect(items.filter((i) => i.group === 'Commands')).toHaveLength(SAMPLE_OVERVIEW.commands.length);
    expect(items.find((i) => i.label === 'help')!.target).toEqual({ kind: 'builtin', name: 'help' });
    expect(items.filter((i) => i.group === 'Files').map((i) => i.label)).toEqual(
      SAMPLE_OVERVIEW.files.map((f) => f.file),
    );
  });

  it('knows where the operator types, and spells the command key per platform', () => {
    const field = document.createElement('input');
    const box = document.createElement('input');
    box.type = 'checkbox';
    const editable = document.createElement('div');
    editable.contentEditable = 'true';
    expect([field, box, editable, document.body].map(isTyping)).toEqual([true, false, true, false]);
    expect(keysFor(['Mod', 'K'], true)).toEqual(['⌘', 'K']);
    expect(keysFor(['Mod', 'K'], false)).toEqual(['Ctrl', 'K']);
  });
});
