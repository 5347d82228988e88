import { app, dialog, Menu, nativeImage, Notification, shell, Tray, type BrowserWindow } from 'electron';
import type { ApiSurface } from '../api/api';
import type { Logger } from '../runtime/logging/logging';
import type { RuntimeSupervisor } from '../supervisor/runtime-supervisor';
import { buildMenuTemplate, type AppActions } from './app-menu';
import { NoticeTracker } from './desktop-notices';

export interface DesktopShellOptions {
  supervisor: RuntimeSupervisor;
  /** The panel window, when one is open; `show` opens one when there is none. */
  window(): BrowserWindow | null;
  show(): Promise<void>;
  userData: string;
  commandsDir: string;
  /** README.md and docs/ as shipped with the app. */
  docsFile: string;
  iconFile: string;
  logger: Logger;
}

// menu and tray calls are the desktop app's own, like its window's
const MENU_TRANSPORT = { transport: 'ipc' } as const;

/**
 * The desktop app around the panel: the application menu, a tray icon with the bot's state
 * and quick actions, native notifications for what goes wrong while the window is hidden, and
 * a dialog (never a silent exit) for an error in the main process. Returns the clean-up.
 */
export function installDesktopShell(options: DesktopShellOptions): () => void {
  const { supervisor, logger } = options;
  const api: ApiSurface = supervisor.api;
  const call = async (method: string, input: unknown): Promise<unknown> => {
    const result = await api.router.call(method as never, input, MENU_TRANSPORT);
    if (!result.ok) throw new Error(result.error.message);
    return result.data;
  };
  const report = (what: string) => (err: unknown) => {
    logger.error({ err }, `${what} failed`);
    notify({ title: `${what} failed`, body: (err as Error).message });
  };
  const notify = ({ title, body }: { title: string; body: string }): void => {
    if (!Notification.isSupported()) return;
    new Notification({ title, body: body.slice(0, 500), icon: options.iconFile }).show();
  };
  let rpcEnabled = false;

  const actions: AppActions = {
    openDataFolder: () => void shell.openPath(options.userData),
    openCommandsFolder: () => void shell.openPath(options.commandsDir),
    startBot: () => void supervisor.restart('started from the menu').catch(report('Start')),
    stopBot: () => void supervisor.stop('stopped from the menu').catch(report('Stop')),
    restartBot: () => void supervisor.restart('restarted from the menu').catch(report('Restart')),
    reloadCommands: () => void call('commands.reload', { force: false }).catch(report('Reload')),
    toggleRpc: () =>
      void (async () => {
        const { stored } = (await call('config.get', {})) as { stored: { rpc?: Record<string, unknown> } };
        await call('config.set', { config: { ...stored, rpc: { ...stored.rpc, enabled: !rpcEnabled } } });
        await refresh();
      })().catch(report('Turning the RPC server on or off')),
    showView: (view) =>
      void options
        .show()
        .then(() =>
          options.window()?.webContents.executeJavaScript(`location.hash = ${JSON.stringify(`#/${view}`)}`),
        )
        .catch(report('Showing the view')),
    openDocs: () => void shell.openPath(options.docsFile),
    about: () => app.showAboutPanel(),
    quit: () => app.quit(),
  };

  const tray = new Tray(nativeImage.createFromPath(options.iconFile).resize({ width: 18, height: 18 }));
  const refresh = async (): Promise<void> => {
    const status = supervisor.status();
    const running = status.state === 'running';
    if (running) {
      try {
        rpcEnabled = ((await call('rpc.status', {})) as { enabled: boolean }).enabled;
      } catch {
        // keep the last known state while the runtime restarts
      }
    }
    const state = { appName: app.getName(), platform: process.platform, running, rpcEnabled };
    Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(actions, state)));
    tray.setToolTip(`${app.getName()}: bot ${status.state}`);
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: `Bot: ${status.state}`, enabled: false },
        { type: 'separator' },
        { label: 'Show Panel', click: () => void options.show() },
        { label: 'Reload Commands', enabled: running, click: actions.reloadCommands },
        { label: 'Restart Bot', enabled: running, click: actions.restartBot },
        { type: 'separator' },
        { label: 'Quit', click: actions.quit },
      ]),
    );
  };
  tray.on('click', () => void options.show());
  const offStatus = supervisor.onStatus(() => void refresh());

  const notices = new NoticeTracker();
  const offEvents = api.events.subscribe((frame) => {
    const focused = options.window()?.isFocused() ?? false;
    for (const notice of notices.noticesFor(frame)) if (!focused) notify(notice);
  });

  // An error in this process must never end the app silently: log it, show it, carry on.
  const onError = (err: unknown): void => {
    logger.error({ err }, 'uncaught error in the main process');
    dialog.showErrorBox(`${app.getName()}: internal error`, String((err as Error)?.stack ?? err));
  };
  process.on('uncaughtException', onError);
  process.on('unhandledRejection', onError);
  app.setAboutPanelOptions({
    applicationName: app.getName(),
    applicationVersion: app.getVersion(),
    iconPath: options.iconFile,
  });
  void refresh();
  return () => {
    offStatus();
    offEvents();
    tray.destroy();
    process.off('uncaughtException', onError);
    process.off('unhandledRejection', onError);
  };
}
