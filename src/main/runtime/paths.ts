import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const APP_ID = 'protos-panel';

/** Per-user app-data dir, the same place Electron's `app.getPath('userData')` uses. */
export function osAppDataDir(appId = APP_ID, platform = process.platform, env = process.env): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), appId);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', appId);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), appId);
}

/** True when `dir` is a checkout of this repository (has .git and our package.json). */
export function isRepoCheckout(dir: string): boolean {
  return existsSync(path.join(dir, '.git')) && existsSync(path.join(dir, 'package.json'));
}

/** `./data` when run from the repo, the OS app-data dir otherwise. */
export function defaultDataDir(cwd = process.cwd()): string {
  return isRepoCheckout(cwd) ? path.join(cwd, 'data') : osAppDataDir();
}

export function configFileOf(dataDir: string): string {
  return path.join(dataDir, 'config.json');
}
