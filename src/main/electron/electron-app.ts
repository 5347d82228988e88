import { existsSync } from 'node:fs';
import path from 'node:path';
import { app, dialog, ipcMain, protocol, session, utilityProcess, type BrowserWindow } from 'electron';
import { createLogging, type Logger } from '../runtime/logging/logging';
import { STALL_FILE } from '../supervisor/stall-file';
import { ClusterSupervisor } from '../supervisor/cluster-supervisor';
import { bundledCommandsDir, shippedFile, type AppLayout } from './app-paths';
import { installDesktopShell } from './desktop-shell';
import { hardenSession, hardenWebContents, type SecurityPolicy } from './harden';
import { PANEL_EXTERNAL_POLICY } from './external-url';
import { forwardEvents, registerIpcTransport } from './ipc-transport';
import { createMainWindow } from './main-window';
import { createQuitCoordinator } from './quit-coordinator';
import { createRendererHandler } from './renderer-protocol';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  APP_SCHEME,
  devServerOrigin,
  isTrustedRendererUrl,
} from './renderer-origin';
import { seedCommandsDir } from './seed-commands';
import { describeStartupFailure, RuntimeStartFailure } from './startup-failure';
import { utilityChildLauncher } from './utility-child';
import { loadWindowState, windowStateFileOf } from './window-state-store';

/** Shows why the bot cannot start and quits non-zero (no before-quit: nothing is running). */
function failStartup(err: unknown, logger: Logger | null): void {
  const failure = describeStartupFailure(err, app.getName());
  if (logger) logger.fatal({ err }, 'failed to start');
  else console.error(`${failure.title}: ${failure.message}`);
  dialog.showErrorBox(failure.title, failure.message);
  app.exit(failure.exitCode);
}

/**
 * The Electron composition root, mirroring the headless CLI (src/main/cli/run.ts): a supervised
 * runtime process on the userData dir, the IPC transport instead of the web one, one window.
 */
export async function runElectronApp(layout: AppLayout): Promise<void> {
  let win: BrowserWindow | null = null;
  /** Set once the app is up: opens a window when there is none (macOS keeps running without). */
  let reopen: (() => void) | null = null;
  app.on('second-instance', () => {
    if (!win || win.isDestroyed()) return reopen?.();
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });

  await app.whenReady();
  const devOrigin = devServerOrigin(process.env.ELECTRON_RENDERER_URL, app.isPackaged);
  const trusted = devOrigin ? [APP_ORIGIN, devOrigin] : [APP_ORIGIN];
  const entryUrl =
    devOrigin && process.env.ELECTRON_RENDERER_URL ? process.env.ELECTRON_RENDERER_URL : APP_ENTRY_URL;
  const userData = app.getPath('userData');
  const commandsDir = path.join(userData, 'commands');

  // The supervisor's (and this process's) own log lines; the runtime process logs for itself.
  const logging = createLogging({ ringCapacity: 1_000 });
  const logger = logging.child('electron');
  try {
    const source = bundledCommandsDir({
      isPackaged: app.isPackaged,
      resourcesPath: process.resourcesPath,
      appRoot: layout.appRoot,
    });
    const outcome = await seedCommandsDir(source, commandsDir);
    if (outcome !== 'exists') logger.info({ source, commandsDir, outcome }, 'commands folder created');
  } catch (err) {
    logger.error({ err, commandsDir }, 'could not seed the commands folder');
  }

  const policy: SecurityPolicy = { trusted, external: PANEL_EXTERNAL_POLICY, logger };
  protocol.handle(APP_SCHEME, createRendererHandler({ rootDir: layout.rendererDir }));
  hardenSession(session.defaultSession, policy);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, policy));

  // The runtime (bot, adapters, databases) runs in a utility process: this process stays
  // responsive whatever a command file does, and restarts the runtime when it stalls or dies.
  const supervisor = new ClusterSupervisor({
    launch: {
      dataDir: userData,
      commandsDir,
      configOverrides: {},
      app: {
        name: app.getName(),
        version: app.getVersion(),
        mode: 'electron',
        electronVersion: process.versions.electron ?? null,
      },
      panel: true,
      console: false,
      interactive: false,
      logConsole: true,
      stallFile: path.join(userData, STALL_FILE),
    },
    spawn: utilityChildLauncher({
      entry: layout.runtimeEntry,
      fork: (modulePath, args, options) => utilityProcess.fork(modulePath, args, options),
      output: process.stderr,
    }),
    logger: logging.child('supervisor'),
  });
  const started = await supervisor.start();
  if (!started.ok) {
    const message = supervisor.status().message ?? 'the runtime process did not start';
    return failStartup(new RuntimeStartFailure(message, started.exitCode), logger);
  }
  // Gave up restarting: the window stays, its banner says why; quitting still works.
  supervisor.onEnd((code) => logger.error({ code }, 'the runtime is down for good'));

  const disposeIpc = registerIpcTransport(ipcMain, {
    router: supervisor.api.router,
    trustedWebContentsId: () => (win && !win.isDestroyed() ? win.webContents.id : null),
    isTrustedUrl: (url) => isTrustedRendererUrl(url, trusted),
    onRejected: (reason, meta) => logger.warn({ ...meta, reason }, 'refused an IPC call'),
  });

  /** Non-zero when the app quits because of a failure after the bot started. */
  let exitCode = 0;
  const quit = createQuitCoordinator({
    shutdown: async () => {
      const code = await supervisor.stop('app quit');
      if (code !== 0) logger.warn({ code }, 'the runtime did not stop cleanly');
      disposeIpc();
    },
    // app.quit() closes windows with their 'close' event (window state saved); app.exit does not.
    quit: () => (exitCode === 0 ? app.quit() : app.exit(exitCode)),
    onError: (err) => logger.error({ err }, 'shutdown did not finish cleanly'),
  });
  app.on('before-quit', quit.onBeforeQuit);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  const stateFile = windowStateFileOf(userData);
  const openWindow = async (): Promise<void> => {
    const created = createMainWindow({
      title: app.getName(),
      preloadFile: layout.preloadFile,
      savedState: await loadWindowState(stateFile),
      stateFile,
      logger,
    });
    win = created;
    const stopEvents = forwardEvents(supervisor.api.events, created.webContents);
    created.on('closed', () => {
      stopEvents();
      if (win === created) win = null;
    });
    await created.loadURL(entryUrl);
  };
  app.on('window-all-closed', () => {
    // macOS keeps the app (and the bot) running without windows, by convention.
    if (process.platform !== 'darwin') app.quit();
  });
  let opening: Promise<void> | null = null;
  /** One window at most, even when 'activate' and start-up race. */
  const ensureWindow = (): Promise<void> => {
    if (win) return Promise.resolve();
    opening ??= openWindow().finally(() => (opening = null));
    return opening;
  };
  reopen = () => {
    ensureWindow().catch((err: unknown) => logger.error({ err }, 'could not open the window'));
  };
  app.on('activate', reopen);
  const where = { isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, appRoot: layout.appRoot };
  const disposeShell = installDesktopShell({
    supervisor,
    window: () => (win && !win.isDestroyed() ? win : null),
    show: async () => {
      await ensureWindow();
      if (win && !win.isDestroyed()) {
        if (win.isMinimized()) win.restore();
        win.show();
        win.focus();
      }
    },
    userData,
    commandsDir,
    docsFile: shippedFile(where, 'docs/README.md', 'README.md'),
    iconFile: shippedFile(where, 'icon.png', 'resources/icon.png'),
    logger,
  });
  app.on('will-quit', disposeShell);

  try {
    if (!devOrigin && !existsSync(path.join(layout.rendererDir, 'index.html'))) {
      throw new Error(`the renderer is not built (${layout.rendererDir})`);
    }
    await ensureWindow();
  } catch (err) {
    exitCode = 1;
    logger.error({ err, entryUrl }, 'could not load the panel');
    dialog.showErrorBox(
      `${app.getName()}: panel not loaded`,
      `The panel could not be loaded from ${entryUrl}: ${(err as Error).message}\n\nRun \`npm run build\` first.`,
    );
    app.quit();
  }
}
