import type { MenuItemConstructorOptions } from 'electron';
import { PANEL_VIEWS, type PanelViewId } from '../../shared/panel/views';

/** What the application menu (and the tray) can do; each is one call into the app. */
export interface AppActions {
  openDataFolder(): void;
  openCommandsFolder(): void;
  startBot(): void;
  stopBot(): void;
  restartBot(): void;
  reloadCommands(): void;
  toggleRpc(): void;
  showView(view: PanelViewId): void;
  openDocs(): void;
  about(): void;
  quit(): void;
}

export interface MenuState {
  appName: string;
  platform: NodeJS.Platform;
  /** The runtime runs (Start is disabled, Stop/Restart enabled). */
  running: boolean;
  rpcEnabled: boolean;
}

/**
 * The application menu as plain data (Menu.buildFromTemplate takes it as is). Built again when
 * the state it shows changes (bot running, RPC on); every item that does something calls one action.
 */
export function buildMenuTemplate(actions: AppActions, state: MenuState): MenuItemConstructorOptions[] {
  const mac = state.platform === 'darwin';
  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: state.appName,
          submenu: [
            { label: `About ${state.appName}`, click: () => actions.about() },
            { type: 'separator' },
            { role: 'services' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { label: `Quit ${state.appName}`, accelerator: 'Cmd+Q', click: () => actions.quit() },
          ],
        },
      ]
    : [];
  return [
    ...appMenu,
    {
      label: 'File',
      submenu: [
        { label: 'Open Data Folder', click: () => actions.openDataFolder() },
        { label: 'Open Commands Folder', click: () => actions.openCommandsFolder() },
        ...(mac
          ? []
          : ([
              { type: 'separator' },
              { label: 'Quit', accelerator: 'Ctrl+Q', click: () => actions.quit() },
            ] satisfies MenuItemConstructorOptions[])),
      ],
    },
    { role: 'editMenu' },
    {
      label: 'Bot',
      submenu: [
        { id: 'start-bot', label: 'Start', enabled: !state.running, click: () => actions.startBot() },
        { id: 'stop-bot', label: 'Stop', enabled: state.running, click: () => actions.stopBot() },
        { id: 'restart-bot', label: 'Restart', enabled: state.running, click: () => actions.restartBot() },
        { type: 'separator' },
        {
          id: 'reload-commands',
          label: 'Reload Commands',
          accelerator: 'CmdOrCtrl+R',
          enabled: state.running,
          click: () => actions.reloadCommands(),
        },
        {
          id: 'toggle-rpc',
          label: 'RPC Server',
          type: 'checkbox',
          checked: state.rpcEnabled,
          enabled: state.running,
          click: () => actions.toggleRpc(),
        },
      ],
    },
    {
      label: 'View',
      submenu: [
        ...PANEL_VIEWS.map((view, i): MenuItemConstructorOptions => ({
          label: view.label,
          accelerator: i < 9 ? `CmdOrCtrl+${i + 1}` : undefined,
          click: () => actions.showView(view.id),
        })),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: 'Help',
      submenu: [
        { label: 'Documentation', click: () => actions.openDocs() },
        ...(mac ? [] : ([{ label: `About ${state.appName}`, click: () => actions.about() }] as const)),
      ],
    },
  ];
}
