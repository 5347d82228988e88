import { BrowserWindow, screen } from 'electron';
import type { Logger } from '../runtime/logging/logging';
import { saveWindowState } from './window-state-store';
import {
  MIN_HEIGHT,
  MIN_WIDTH,
  captureWindowState,
  initialPlacement,
  type WindowState,
} from './window-state';

export interface MainWindowOptions {
  title: string;
  preloadFile: string;
  /** The state saved last time (loadWindowState), or null for defaults. */
  savedState: WindowState | null;
  stateFile: string;
  logger: Logger;
}

/**
 * The panel window: isolated, sandboxed, no Node in the page; placed where it was last closed
 * (when that place is still on a screen) and remembered on close. Returned before anything is
 * loaded, so the caller can trust its webContents id before the page's first IPC call.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const { logger } = options;
  const placement = initialPlacement(
    options.savedState,
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const win = new BrowserWindow({
    ...placement.bounds,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    title: options.title,
    show: false,
    backgroundColor: '#1b1d23',
    webPreferences: {
      preload: options.preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => {
    if (placement.maximize) win.maximize();
    win.show();
  });
  win.on('close', () => {
    const state = captureWindowState(win);
    if (!state) return;
    try {
      saveWindowState(options.stateFile, state);
    } catch (err) {
      logger.warn({ err, file: options.stateFile }, 'could not save the window state');
    }
  });
  return win;
}
