// Electron entry (out/main/index.js). Only what must happen before anything else is loaded lives
// here: privileged scheme registration and userData location (both before 'ready'), the
// renderer sandbox for every window, the single-instance lock, and pointing esbuild at its
// unpacked binary. The app itself is imported afterwards, so esbuild (an external, evaluated at
// import time) already sees ESBUILD_BINARY_PATH.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, protocol } from 'electron';
import {
  APP_BUNDLE_ID,
  appLayout,
  asarUnpackedPath,
  esbuildBinarySpecifier,
  resolveUserDataDir,
} from './app-paths';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES } from './renderer-origin';

function pointEsbuildAtUnpackedBinary(): void {
  if (!app.isPackaged || process.env.ESBUILD_BINARY_PATH) return;
  try {
    const require = createRequire(import.meta.url);
    const binary = asarUnpackedPath(require.resolve(esbuildBinarySpecifier(process.platform, process.arch)));
    if (existsSync(binary)) process.env.ESBUILD_BINARY_PATH = binary;
  } catch {
    // No esbuild binary for this platform in the package: the command loader reports it.
  }
}

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
app.setPath('userData', resolveUserDataDir(process.argv, app.getPath('appData')));
app.enableSandbox();
if (process.platform === 'win32') app.setAppUserModelId(APP_BUNDLE_ID);

if (!app.requestSingleInstanceLock()) {
  // Another instance owns this profile; it gets 'second-instance' and focuses its window.
  app.quit();
} else {
  pointEsbuildAtUnpackedBinary();
  const layout = appLayout(path.dirname(fileURLToPath(import.meta.url)));
  import('./electron-app')
    .then(({ runElectronApp }) => runElectronApp(layout))
    .catch((err: unknown) => {
      console.error('ProtOS Panel failed to start:', err);
      app.exit(1);
    });
}
