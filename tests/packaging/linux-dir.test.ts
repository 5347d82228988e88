// The packaging config, checked offline: electron-builder builds the Linux "dir" target against
// a stub Electron distribution (this machine cannot download Electron). The stub carries the
// fuse wire a real Electron binary has, so the afterPack hook's fuses can be read back.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listPackage } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Fuse order in Electron's wire (FuseV1Options). */
const FUSES = [
  'RunAsNode',
  'EnableCookieEncryption',
  'EnableNodeOptionsEnvironmentVariable',
  'EnableNodeCliInspectArguments',
  'EnableEmbeddedAsarIntegrityValidation',
  'OnlyLoadAppFromAsar',
  'LoadBrowserProcessSpecificV8Snapshot',
  'GrantFileProtocolExtraPrivileges',
];

// one build serves every test of the file: removed after all of them, not after each
const dirs: string[] = [];
const tmp = (): string => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'protos-pack-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function stubElectronDist(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const wire = Buffer.concat([
    Buffer.from('#!/bin/sh\n# stub Electron for offline packaging checks\n'),
    Buffer.from(SENTINEL),
    Buffer.from([1, FUSES.length]),
    Buffer.from('1'.repeat(FUSES.length)),
    Buffer.from('\nexit 0\n'),
  ]);
  writeFileSync(path.join(dir, 'electron'), wire, { mode: 0o755 });
  writeFileSync(path.join(dir, 'version'), '0.0.0-stub');
  writeFileSync(path.join(dir, 'LICENSE'), 'stub');
}

function fusesOf(binary: string): Record<string, boolean> {
  const data = readFileSync(binary);
  const at = data.indexOf(SENTINEL) + SENTINEL.length;
  return Object.fromEntries(FUSES.map((name, i) => [name, data[at + 2 + i] === 0x31]));
}

function pack(outDir: string, profile?: string): string {
  const dist = path.join(outDir, 'stub-electron');
  stubElectronDist(dist);
  execFileSync(
    'npx',
    [
      'electron-builder',
      '--linux',
      'dir',
      '--config',
      'electron-builder.yml',
      `-c.electronDist=${dist}`,
      '-c.npmRebuild=false',
      `-c.directories.output=${outDir}`,
    ],
    {
      cwd: ROOT,
      stdio: 'pipe',
      timeout: 240_000,
      env: { ...process.env, PROTOS_FUSES_PROFILE: profile ?? '', ELECTRON_BUILDER_OFFLINE: 'true' },
    },
  );
  return path.join(outDir, 'linux-unpacked');
}

describe('electron-builder --linux dir (offline, stub Electron)', () => {
  let app: string;
  beforeAll(() => {
    if (!existsSync(path.join(ROOT, 'out/main/index.js')))
      execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'pipe', timeout: 180_000 });
    app = pack(tmp());
  }, 300_000);

  it('puts the built app, and no sources or maps, into the asar', () => {
    const files = listPackage(path.join(app, 'resources/app.asar'), { isPack: false }).map((f) =>
      f.replaceAll('\\', '/'),
    );
    expect(files).toEqual(
      expect.arrayContaining([
        '/package.json',
        '/out/main/index.js',
        '/out/preload/index.cjs',
        '/out/renderer/index.html',
      ]),
    );
    expect(files.some((f) => f.startsWith('/src/'))).toBe(false);
    expect(files.some((f) => f.endsWith('.map'))).toBe(false);
    expect(files.some((f) => f.startsWith('/node_modules/discord.js/'))).toBe(true);
  });

  it('unpacks native modules from the asar', () => {
    const unpacked = path.join(app, 'resources/app.asar.unpacked/node_modules');
    expect(existsSync(path.join(unpacked, 'better-sqlite3/build/Release/better_sqlite3.node'))).toBe(true);
    expect(existsSync(path.join(unpacked, 'zeromq/build/linux/x64/node/glibc-127-Release/addon.node'))).toBe(
      true,
    );
    expect(existsSync(path.join(unpacked, '@esbuild/linux-x64/bin/esbuild'))).toBe(true);
  });

  it('ships the example commands, docs, icon, fonts and sample sounds beside the asar', () => {
    const res = path.join(app, 'resources');
    for (const file of [
      'commands/echo.ts',
      'docs/README.md',
      'docs/architecture.md',
      'docs/security.md',
      'icon.png',
    ])
      expect(existsSync(path.join(res, file)), file).toBe(true);
    expect(existsSync(path.join(res, 'fonts'))).toBe(true);
    expect(existsSync(path.join(res, 'sounds'))).toBe(true);
  });

  it('flips the hardening fuses; the test profile only keeps the inspector for Playwright', () => {
    expect(fusesOf(path.join(app, 'protos-panel'))).toMatchObject({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      GrantFileProtocolExtraPrivileges: false,
    });
    const testApp = pack(tmp(), 'test');
    expect(fusesOf(path.join(testApp, 'protos-panel'))).toMatchObject({
      RunAsNode: false,
      EnableNodeCliInspectArguments: true,
      OnlyLoadAppFromAsar: true,
    });
  }, 300_000);
});
