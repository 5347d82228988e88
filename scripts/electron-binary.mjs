// Where the Electron binary is, without triggering a download: `require('electron')` tries to
// fetch a missing binary on the spot, which on an offline machine prints errors and wastes time.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** @returns {{ binary: string } | { reason: string }} */
export function findElectronBinary() {
  let dir;
  try {
    dir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return { reason: 'Electron binary not downloaded (offline install)' };
  const relative = readFileSync(pathFile, 'utf8').trim();
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(dir, 'dist');
  const binary = path.join(distDir, relative);
  return existsSync(binary) ? { binary } : { reason: `Electron binary missing at ${binary}` };
}
