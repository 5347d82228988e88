import path from 'node:path';
import { APP_ID } from '../runtime/paths';

/** Files of the app, located from the built main bundle (out/main/index.js). */
export interface AppLayout {
  /** The app root: the repo in development, `…/resources/app.asar` when packaged. */
  appRoot: string;
  rendererDir: string;
  preloadFile: string;
  /** The runtime process the supervisor starts with utilityProcess.fork. */
  runtimeEntry: string;
}

export function appLayout(mainDir: string): AppLayout {
  const outDir = path.resolve(mainDir, '..');
  return {
    appRoot: path.resolve(outDir, '..'),
    rendererDir: path.join(outDir, 'renderer'),
    preloadFile: path.join(outDir, 'preload', 'index.cjs'),
    runtimeEntry: path.join(path.resolve(mainDir), 'runtime-host.js'),
  };
}

/**
 * The example commands shipped with the app: electron-builder's extraResources puts them in
 * `<resources>/commands` (outside the asar, so they are real files to copy); in development
 * they are the repository's commands/ folder.
 */
export function bundledCommandsDir(opts: {
  isPackaged: boolean;
  resourcesPath: string;
  appRoot: string;
}): string {
  return opts.isPackaged ? path.join(opts.resourcesPath, 'commands') : path.join(opts.appRoot, 'commands');
}

/**
 * The userData dir: `--user-data-dir=<dir>` when given (tests and e2e run on a throw-away
 * profile), else `<appData>/protos-panel`, the same folder the headless CLI uses outside a
 * checkout (src/main/runtime/paths.ts), instead of Electron's default `<appData>/ProtOS Panel`.
 */
/** A file shipped beside the app: `resources/<name>` packaged (extraResources), the repo's own in a checkout. */
export function shippedFile(
  opts: { isPackaged: boolean; resourcesPath: string; appRoot: string },
  packaged: string,
  inCheckout: string,
): string {
  return opts.isPackaged ? path.join(opts.resourcesPath, packaged) : path.join(opts.appRoot, inCheckout);
}

export function resolveUserDataDir(argv: readonly string[], appDataDir: string): string {
  for (const arg of argv) {
    if (arg.startsWith('--user-data-dir=')) {
      const value = arg.slice('--user-data-dir='.length);
      if (value) return path.resolve(value);
    }
  }
  return path.join(appDataDir, APP_ID);
}

/** A path inside app.asar, redirected to app.asar.unpacked (where asarUnpack puts binaries). */
export function asarUnpackedPath(file: string): string {
  return file.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

/**
 * esbuild's platform binary package and the binary's path in it (mirrors esbuild's own lookup
 * in esbuild/lib/main.js). Packaged, the binary must be executed from app.asar.unpacked:
 * nothing can be spawned from inside an asar.
 */
export function esbuildBinarySpecifier(platform: NodeJS.Platform, arch: string): string {
  return platform === 'win32'
    ? `@esbuild/win32-${arch}/esbuild.exe`
    : `@esbuild/${platform}-${arch}/bin/esbuild`;
}

/** Must equal `appId` in electron-builder.yml (Windows taskbar grouping, notifications). */
export const APP_BUNDLE_ID = 'dev.protos.panel';
