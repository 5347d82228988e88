import { mkdirSync, promises as fs, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseWindowState, type WindowState } from './window-state';

export const WINDOW_STATE_FILE = 'window-state.json';

export function windowStateFileOf(userDataDir: string): string {
  return path.join(userDataDir, WINDOW_STATE_FILE);
}

/** The saved window state, or null when missing, unreadable or invalid. */
export async function loadWindowState(file: string): Promise<WindowState | null> {
  try {
    return parseWindowState(await fs.readFile(file, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Writes atomically (temp file + rename), so a crash mid-write never leaves half a file.
 * Synchronous on purpose: it runs in the window's `close` handler, right before the process
 * may quit.
 */
export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`, 'utf8');
  renameSync(tmp, file);
}
