// Tolerant Electron binary fetch.
//
// package.json denies electron's own install script (allowScripts: electron=false), so an
// offline machine never fails `npm install` because GitHub is unreachable. This step then
// tries the same download itself and only reports when it cannot: the panel still runs in
// browser mode (`npm start` picks it automatically) and the binary can be fetched later with
// `node node_modules/electron/install.js`.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { findElectronBinary } from './electron-binary.mjs';

const require = createRequire(import.meta.url);

function electronDir() {
  try {
    return path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null; // production install without devDependencies
  }
}

const dir = electronDir();
if (!dir) process.exit(0);
if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log(
    '[protos] ELECTRON_SKIP_BINARY_DOWNLOAD is set: not fetching the Electron binary (browser mode only).',
  );
  process.exit(0);
}
if ('binary' in findElectronBinary()) process.exit(0);

const result = spawnSync(process.execPath, [path.join(dir, 'install.js')], {
  cwd: dir,
  encoding: 'utf8',
  timeout: 5 * 60_000,
});
if (result.status === 0) {
  console.log('[protos] Electron binary installed: `npm start` opens the desktop window.');
} else {
  const reason =
    (result.error?.message ?? result.stderr ?? '').split('\n').find((l) => l.trim()) ?? 'unknown error';
  console.log(
    `[protos] Electron binary not available (${reason.trim()}).\n` +
      '[protos] Nothing is broken: `npm start` runs the panel in your browser instead.\n' +
      '[protos] To fetch it later: node node_modules/electron/install.js',
  );
}
process.exit(0);
