import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  appLayout,
  asarUnpackedPath,
  bundledCommandsDir,
  esbuildBinarySpecifier,
  resolveUserDataDir,
} from './app-paths';

describe('appLayout', () => {
  it('finds renderer and preload next to the main bundle', () => {
    const root = path.resolve('/opt/ProtOS Panel/resources/app.asar');
    expect(appLayout(path.join(root, 'out', 'main'))).toEqual({
      appRoot: root,
      rendererDir: path.join(root, 'out', 'renderer'),
      preloadFile: path.join(root, 'out', 'preload', 'index.cjs'),
      runtimeEntry: path.join(root, 'out', 'main', 'runtime-host.js'),
    });
  });
});

describe('bundledCommandsDir', () => {
  it('uses extraResources when packaged and the repo folder in development', () => {
    expect(bundledCommandsDir({ isPackaged: true, resourcesPath: '/opt/app/resources', appRoot: '/x' })).toBe(
      path.join('/opt/app/resources', 'commands'),
    );
    expect(
      bundledCommandsDir({ isPackaged: false, resourcesPath: '/electron/resources', appRoot: '/repo' }),
    ).toBe(path.join('/repo', 'commands'));
  });
});

describe('resolveUserDataDir', () => {
  it('defaults to <appData>/protos-panel, like the headless CLI', () => {
    expect(resolveUserDataDir(['electron', 'out/main/index.js'], '/home/u/.config')).toBe(
      path.join('/home/u/.config', 'protos-panel'),
    );
  });

  it('honours --user-data-dir=<dir>', () => {
    expect(resolveUserDataDir(['electron', '.', '--user-data-dir=/tmp/profile'], '/home/u/.config')).toBe(
      path.resolve('/tmp/profile'),
    );
    expect(resolveUserDataDir(['electron', '--user-data-dir='], '/cfg')).toBe(
      path.join('/cfg', 'protos-panel'),
    );
  });
});

describe('asarUnpackedPath', () => {
  it('redirects paths inside app.asar only', () => {
    expect(asarUnpackedPath('/opt/app/resources/app.asar/node_modules/@esbuild/linux-x64/bin/esbuild')).toBe(
      '/opt/app/resources/app.asar.unpacked/node_modules/@esbuild/linux-x64/bin/esbuild',
    );
    expect(asarUnpackedPath('C:\\App\\resources\\app.asar\\node_modules\\x.node')).toBe(
      'C:\\App\\resources\\app.asar.unpacked\\node_modules\\x.node',
    );
    expect(asarUnpackedPath('/repo/node_modules/esbuild')).toBe('/repo/node_modules/esbuild');
    expect(asarUnpackedPath('/x/app.asar.unpacked/y')).toBe('/x/app.asar.unpacked/y');
  });
});

describe('esbuildBinarySpecifier', () => {
  it('matches the layout of esbuild platform packages', () => {
    expect(esbuildBinarySpecifier('linux', 'x64')).toBe('@esbuild/linux-x64/bin/esbuild');
    expect(esbuildBinarySpecifier('darwin', 'arm64')).toBe('@esbuild/darwin-arm64/bin/esbuild');
    expect(esbuildBinarySpecifier('win32', 'x64')).toBe('@esbuild/win32-x64/esbuild.exe');
  });
});
