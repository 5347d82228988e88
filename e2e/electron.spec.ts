// Electron mode end to end: launches the built app (out/main/index.js) with Playwright's
// Electron driver. Needs the Electron binary, which an offline machine does not have: then every
// test here is skipped, loudly, with the reason. Browser mode is covered by the other specs.
//
// Independent of playwright.config.ts projects: it uses neither `page` nor `browser` fixtures,
// so no Chromium is launched for it whatever the project settings are.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';

const ROOT = path.resolve(import.meta.dirname, '..');
const MAIN = path.join(ROOT, 'out', 'main', 'index.js');

type BinaryLookup = { ok: true; executable: string } | { ok: false; reason: string };

/**
 * Where the Electron binary is, without `require('electron')`: that call tries to download the
 * binary when it is missing (and throws offline). Mirrors node_modules/electron/index.js.
 */
function findElectronBinary(): BinaryLookup {
  let dir: string;
  try {
    dir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { ok: false, reason: 'the electron package is not installed' };
  }
  const pathFile = path.join(dir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const executable = path.join(override, relative ?? 'electron');
    return existsSync(executable)
      ? { ok: true, executable }
      : { ok: false, reason: `ELECTRON_OVERRIDE_DIST_PATH has no binary at ${executable}` };
  }
  if (!relative) return { ok: false, reason: `${pathFile} is missing (the binary was never downloaded)` };
  const executable = path.join(dir, 'dist', relative);
  if (!existsSync(executable)) return { ok: false, reason: `${executable} does not exist` };
  return { ok: true, executable };
}

const binary = findElectronBinary();
const executable = binary.ok ? binary.executable : '';
const SKIP_REASON = binary.ok
  ? ''
  : `Electron binary not installed (offline machine): ${binary.reason}. ` +
    'Electron-mode e2e tests are SKIPPED, not passed. Fetch it with `node node_modules/electron/install.js` ' +
    '(or point ELECTRON_OVERRIDE_DIST_PATH at an unpacked Electron) and run again.';
if (!binary.ok) console.warn(`\n[e2e/electron] ${SKIP_REASON}\n`);

/** The shape of window.api the page sees (no DOM lib in this tsconfig, hence the local type). */
interface PageApi {
  call(method: string, input: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}
type PageGlobals = { api?: PageApi; require?: unknown; process?: unknown };

test.describe('Electron app', () => {
  test.skip(!binary.ok, SKIP_REASON);
  test.describe.configure({ mode: 'serial' });

  let app: ElectronApplication;
  let win: Page;
  let userDataDir: string;

  test.beforeAll(async () => {
    if (!binary.ok) return;
    expect(existsSync(MAIN), `${MAIN} is missing: run \`npm run build\` first`).toBe(true);
    userDataDir = mkdtempSync(path.join(os.tmpdir(), 'protos-e2e-electron-'));
    app = await electron.launch({
      executablePath: executable,
      args: [MAIN, `--user-data-dir=${userDataDir}`],
      cwd: ROOT,
      env: { ...process.env, ELECTRON_RENDERER_URL: '' },
    });
    win = await app.firstWindow();
    await win.waitForLoadState('domcontentloaded');
    // a command file whose clean-up handler proves the ordered shutdown at quit (afterAll)
    writeFileSync(
      path.join(userDataDir, 'commands', 'cleanup-probe.ts'),
      "import { writeFileSync } from 'node:fs';\nimport path from 'node:path';\nimport { Command } from 'cmdsys';\n" +
        "export class Probe extends Command {\n  setup() {\n    this.name = 'cleanupprobe';\n" +
        `    this.cleanUpRegister(() => writeFileSync(path.join(${JSON.stringify(userDataDir)}, 'cleaned-up.txt'), 'bye'));\n` +
        "  }\n  call() { return this.respond('ok'); }\n}\n",
    );
    await win.evaluate(() => (globalThis as PageGlobals).api!.call('commands.reload', { force: false }));
  });

  test.afterAll(async () => {
    await app?.close();
    // quitting ran the command files' clean-up handlers in the runtime process
    if (userDataDir && binary.ok)
      expect(readFileSync(path.join(userDataDir, 'cleaned-up.txt'), 'utf8')).toBe('bye');
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  test('opens the panel window from app://panel with the product title', async () => {
    expect(win.url()).toMatch(/^app:\/\/panel\//);
    await expect(win).toHaveTitle('ProtOS Panel');
  });

  test('runs the renderer isolated and sandboxed', async () => {
    const globals = await win.evaluate(() => {
      const g = globalThis as PageGlobals;
      return {
        api: typeof g.api,
        call: typeof g.api?.call,
        on: typeof g.api?.on,
        require: typeof g.require,
        process: typeof g.process,
        ipcRenderer: 'ipcRenderer' in ((g.api ?? {}) as object),
      };
    });
    expect(globals).toEqual({
      api: 'object',
      call: 'function',
      on: 'function',
      require: 'undefined',
      process: 'undefined',
      ipcRenderer: false,
    });
  });

  test('round-trips calls through the preload and the IPC transport', async () => {
    const info = await win.evaluate(() => (globalThis as PageGlobals).api!.call('app.info', {}));
    expect(info).toMatchObject({ name: 'ProtOS Panel', mode: 'electron', dataDir: userDataDir });
    expect((info as { versions: { electron: string | null } }).versions.electron).toMatch(/^\d+\./);
    const status = await win.evaluate(() => (globalThis as PageGlobals).api!.call('status.get', {}));
    expect(status).toMatchObject({ state: 'running' });
    const refused = await win.evaluate(() =>
      (globalThis as PageGlobals).api!.call('logs.setLevel', { level: 'loud' }).then(
        () => 'resolved',
        (err: Error) => err.message,
      ),
    );
    expect(refused).toMatch(/invalid input for logs.setLevel/);
  });

  test('shows the bot as running', async () => {
    await expect(win.getByText(/\brunning\b/i).first()).toBeVisible();
  });

  test('denies window.open and navigation away from the panel', async () => {
    const opened = await win.evaluate(() => {
      const g = globalThis as unknown as { open(url: string): unknown };
      return g.open('https://example.com/') === null;
    });
    expect(opened).toBe(true);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    await win.evaluate(() => {
      (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
    });
    await win.waitForTimeout(500);
    expect(win.url()).toMatch(/^app:\/\/panel\//);
  });

  const call = (method: string, input: unknown = {}): Promise<unknown> =>
    win.evaluate(([m, i]) => (globalThis as PageGlobals).api!.call(m as string, i), [method, input] as const);

  test('Bot › Reload Commands in the application menu loads a new command file', async () => {
    writeFileSync(
      path.join(userDataDir, 'commands', 'menu-made.ts'),
      "import { Command } from 'cmdsys';\nexport class MenuMade extends Command {\n  setup() { this.name = 'menumade'; }\n  call() { return this.respond('made'); }\n}\n",
    );
    await app.evaluate(({ Menu }) => Menu.getApplicationMenu()!.getMenuItemById('reload-commands')!.click());
    await expect
      .poll(async () =>
        ((await call('commands.list')) as { commands: { name: string }[] }).commands.map((c) => c.name),
      )
      .toContain('menumade');
  });

  test('a runtime that dies is restarted; the window carries on', async () => {
    const { pid } = (await call('status.get')) as { pid: number };
    process.kill(pid, 'SIGKILL');
    await expect
      .poll(async () => ((await call('supervisor.status')) as { state: string; restarts: number }).restarts, {
        timeout: 20_000,
      })
      .toBe(1);
    await expect
      .poll(async () => ((await call('status.get').catch(() => ({ pid }))) as { pid: number }).pid, {
        timeout: 20_000,
      })
      .not.toBe(pid);
  });

  test('a second launch on the same profile exits and leaves one window', async () => {
    const second = spawn(executable, [MAIN, `--user-data-dir=${userDataDir}`], {
      cwd: ROOT,
      stdio: 'ignore',
    });
    const code = await new Promise<number | null>((resolve) => second.on('exit', resolve));
    expect(code).toBe(0);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });
});
