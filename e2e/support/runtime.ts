import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = path.join(REPO_ROOT, 'out/main/cli.js');
const RENDERER = path.join(REPO_ROOT, 'out/renderer/index.html');
const PANEL_LINE = /^Panel: (http:\/\/\S+)\s*$/m;

export interface RuntimeHandle {
  /** The URL the bot printed: the panel with its token. */
  url: string;
  /** `http://127.0.0.1:PORT` */
  baseUrl: string;
  token: string;
  dataDir: string;
  commandsDir: string;
  /** Everything the process wrote so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
  /** Stops the process like `stop()` but keeps its data and commands dirs for a restart. */
  kill(): Promise<void>;
  /** The temporary folder holding data/ and commands/. */
  root: string;
}

export interface StartOptions {
  startTimeoutMs?: number;
  extraArgs?: string[];
  /** Start again over the folder of a runtime that was killed (same data dir, same commands). */
  root?: string;
}

/**
 * Starts the built headless runtime with the browser-mode panel on a free port, in a fresh
 * temporary data dir and a fresh temporary copy of the repo's `commands/` (so specs can edit,
 * break and delete command files without touching the repo), and resolves once it printed
 * `Panel: <url>`.
 */
export async function startRuntime(options: StartOptions = {}): Promise<RuntimeHandle> {
  for (const file of [CLI, RENDERER]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npx electron-vite build\` first`);
  }
  const tmp = options.root ?? (await mkdtemp(path.join(os.tmpdir(), 'protos-e2e-')));
  const dataDir = path.join(tmp, 'data');
  const commandsDir = path.join(tmp, 'commands');
  if (!options.root)
    await cp(path.join(REPO_ROOT, 'commands'), commandsDir, {
      recursive: true,
      filter: (src) => !/\.(test|spec)\.[cm]?[tj]s$/.test(src),
    });
  const child = spawn(
    process.execPath,
    [
      CLI,
      '--panel',
      '--no-open',
      '--data-dir',
      dataDir,
      '--commands-dir',
      commandsDir,
      ...(options.extraArgs ?? []),
    ],
    { cwd: tmp, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
  );
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);

  const stop = async (): Promise<void> => {
    await terminate(child);
    await rm(tmp, { recursive: true, force: true });
  };

  try {
    const url = await waitForPanelUrl(child, () => output, options.startTimeoutMs ?? 20_000);
    const parsed = new URL(url);
    const token = parsed.searchParams.get('token');
    if (!token) throw new Error(`no token in the printed panel URL: ${url}`);
    const kill = (): Promise<void> => terminate(child);
    return {
      url,
      baseUrl: parsed.origin,
      token,
      dataDir,
      commandsDir,
      output: () => output,
      stop,
      kill,
      root: tmp,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

function waitForPanelUrl(child: ChildProcess, output: () => string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => finish(new Error(`runtime printed no "Panel:" line in ${timeoutMs} ms:\n${output()}`)),
      timeoutMs,
    );
    const onData = (): void => {
      const match = PANEL_LINE.exec(output());
      if (match?.[1]) finish(null, match[1]);
    };
    const onExit = (code: number | null, signal: string | null): void =>
      finish(new Error(`runtime exited early (code ${code}, signal ${signal}):\n${output()}`));
    function finish(err: Error | null, url?: string): void {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(url!);
    }
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
    onData();
  });
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
