// `npm start`: build what is stale, then open the desktop window when an Electron binary and a
// display exist; otherwise run the runtime with the browser-mode panel and print its URL.
// Flags are passed through (`npm start -- --no-open --data-dir ./other`); `--browser` forces
// browser mode.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { findElectronBinary } from './electron-binary.mjs';

const root = path.resolve(import.meta.dirname, '..');
const stamp = path.join(root, 'out', '.build-stamp');
const require = createRequire(import.meta.url);

function newestMtime(entry) {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(entry)) {
    if (name === 'node_modules' || name.endsWith('.test.ts') || name.endsWith('.test.tsx')) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, name)));
  }
  return newest;
}

function buildIfStale() {
  const inputs = ['src', 'electron.vite.config.ts', 'package.json'].map((p) => path.join(root, p));
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  if (built > Math.max(...inputs.map(newestMtime))) return;
  console.error('[protos] building the panel (electron-vite build)…');
  const result = spawnSync(
    process.execPath,
    [
      path.join(path.dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js'),
      'build',
    ],
    {
      cwd: root,
      stdio: ['ignore', process.stderr, process.stderr], // stdout stays for the panel URL
    },
  );
  if (result.status !== 0) {
    console.error('[protos] build failed; see above.');
    process.exit(result.status ?? 1);
  }
  writeFileSync(stamp, new Date().toISOString());
}

/** Path of a usable Electron binary, or the reason there is none. */
function electronBinary() {
  const found = findElectronBinary();
  if (!('binary' in found)) return found;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'no graphical display (DISPLAY/WAYLAND_DISPLAY unset)' };
  }
  // Native modules (better-sqlite3) are built for Node by `npm install`; Electron has its own ABI.
  const probe = spawnSync(found.binary, ['-e', "require('better-sqlite3')"], {
    cwd: root,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (probe.status !== 0) {
    return {
      reason:
        'native modules are built for Node, not for Electron. Run `npx electron-builder install-app-deps` ' +
        'for the desktop window (and `npm rebuild better-sqlite3` before `npm test` or `npm run bot` again)',
    };
  }
  return found;
}

const args = process.argv.slice(2);
const forceBrowser = args.includes('--browser');
const passThrough = args.filter((a) => a !== '--browser');
buildIfStale();

const electron = forceBrowser ? { reason: '--browser given' } : electronBinary();
let child;
if (electron.binary) {
  child = spawn(electron.binary, [root, ...passThrough], { cwd: root, stdio: 'inherit' });
} else {
  console.error(`[protos] ${electron.reason}: starting in browser mode.`);
  const cliArgs = passThrough.includes('--panel') ? passThrough : ['--panel', ...passThrough];
  child = spawn(process.execPath, [path.join(root, 'out', 'main', 'cli.js'), ...cliArgs], {
    cwd: root,
    stdio: 'inherit',
  });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
