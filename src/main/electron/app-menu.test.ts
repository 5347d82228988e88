import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { PANEL_VIEWS } from '../../shared/panel/views';
import { buildMenuTemplate, type AppActions, type MenuState } from './app-menu';

function actions(): { [K in keyof AppActions]: ReturnType<typeof vi.fn> } {
  const names: (keyof AppActions)[] = [
    'openDataFolder',
    'openCommandsFolder',
    'startBot',
    'stopBot',
    'restartBot',
    'reloadCommands',
    'toggleRpc',
    'showView',
    'openDocs',
    'about',
    'quit',
  ];
  return Object.fromEntries(names.map((n) => [n, vi.fn()])) as never;
}

const STATE: MenuState = { appName: 'ProtOS Panel', platform: 'linux', running: true, rpcEnabled: false };

/** Every item with a label, flattened, with its path ("Bot › Restart"). */
function items(template: MenuItemConstructorOptions[], prefix = ''): [string, MenuItemConstructorOptions][] {
  return template.flatMap((item) => {
    const name = item.label ? `${prefix}${item.label}` : null;
    const own: [string, MenuItemConstructorOptions][] = name && !item.submenu ? [[name, item]] : [];
    const sub = Array.isArray(item.submenu) ? items(item.submenu, name ? `${name} › ` : prefix) : [];
    return [...own, ...sub];
  });
}

function click(item: MenuItemConstructorOptions): void {
  (item.click as () => void)();
}

describe('application menu', () => {
  it('wires every labelled item to exactly one action', () => {
    const a = actions();
    const all = items(buildMenuTemplate(a as unknown as AppActions, STATE));
    for (const [name, item] of all) {
      expect(item.click, `${name} has no click`).toBeTypeOf('function');
      for (const fn of Object.values(a)) fn.mockClear();
      click(item);
      const called = Object.entries(a).filter(([, fn]) => fn.mock.calls.length > 0);
      expect(
        called.map(([k]) => k),
        name,
      ).toHaveLength(1);
    }
  });

  it('has the File, Bot, View and Help items the desktop app promises', () => {
    const a = actions();
    const byName = new Map(items(buildMenuTemplate(a as unknown as AppActions, STATE)));
    click(byName.get('File › Open Data Folder')!);
    click(byName.get('File › Open Commands Folder')!);
    click(byName.get('Bot › Reload Commands')!);
    click(byName.get('Bot › RPC Server')!);
    click(byName.get('Help › Documentation')!);
    expect(a.openDataFolder).toHaveBeenCalledOnce();
    expect(a.openCommandsFolder).toHaveBeenCalledOnce();
    expect(a.reloadCommands).toHaveBeenCalledOnce();
    expect(a.toggleRpc).toHaveBeenCalledOnce();
    expect(a.openDocs).toHaveBeenCalledOnce();
    expect(byName.get('Bot › Reload Commands')!.accelerator).toBe('CmdOrCtrl+R');
    for (const view of PANEL_VIEWS) {
      click(byName.get(`View › ${view.label}`)!);
      expect(a.showView).toHaveBeenLastCalledWith(view.id);
    }
  });

  it('enables Start only when stopped, and shows the RPC state as a check', () => {
    const stopped = new Map(
      items(
        buildMenuTemplate(actions() as unknown as AppActions, { ...STATE, running: false, rpcEnabled: true }),
      ),
    );
    expect(stopped.get('Bot › Start')!.enabled).toBe(true);
    expect(stopped.get('Bot › Stop')!.enabled).toBe(false);
    expect(stopped.get('Bot › Restart')!.enabled).toBe(false);
    expect(stopped.get('Bot › Reload Commands')!.enabled).toBe(false);
    expect(stopped.get('Bot › RPC Server')!.checked).toBe(true);
    const running = new Map(items(buildMenuTemplate(actions() as unknown as AppActions, STATE)));
    expect(running.get('Bot › Start')!.enabled).toBe(false);
    expect(running.get('Bot › RPC Server')!.checked).toBe(false);
  });

  it('puts About and Quit in the app menu on macOS, in Help and File elsewhere', () => {
    const mac = buildMenuTemplate(actions() as unknown as AppActions, { ...STATE, platform: 'darwin' });
    expect(mac[0]!.label).toBe('ProtOS Panel');
    expect(new Map(items(mac)).has('ProtOS Panel › Quit ProtOS Panel')).toBe(true);
    const linux = new Map(items(buildMenuTemplate(actions() as unknown as AppActions, STATE)));
    expect(linux.has('File › Quit')).toBe(true);
    expect(linux.has('Help › About ProtOS Panel')).toBe(true);
  });
});
