// Acceptance: `npm run bot -- --irc 127.0.0.1:PORT --irc-nick bot --irc-channel '#t'` against a
// local ngircd answers `+echo hi` from another client (the repo's example commands, trigger +).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/run-cli';
import { answers } from './support/irc-bot';
import { IrcUser, sleep, until } from './support/irc-user';
import { Ngircd, ngircdAvailable } from './support/ngircd';

let server: Ngircd;
let dataDir: string;
let child: ChildProcess | null = null;
let output = '';

/**
 * Stops the bot's whole process group (npm → tsx → node) with SIGINT, as Ctrl-C in a terminal
 * would, then SIGKILL if it lingers. Resolves with whether it went within the time.
 */
async function stopBot(): Promise<boolean> {
  const proc = child;
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return true;
  const exited = new Promise<boolean>((resolve) => proc.once('exit', () => resolve(true)));
  try {
    process.kill(-proc.pid!, 'SIGINT');
  } catch {
    // already gone
  }
  if (await Promise.race([exited, sleep(10_000).then(() => false)])) return true;
  try {
    process.kill(-proc.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
  await exited;
  return false;
}

beforeAll(async () => {
  if (!ngircdAvailable) throw new Error('ngircd is not installed (/usr/sbin/ngircd); .ci/run installs it');
  server = await Ngircd.start();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'protos-irc-cli-'));
});

afterAll(async () => {
  await stopBot();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('CLI with --irc (ngircd)', () => {
  it("npm run bot -- --irc 127.0.0.1:PORT --irc-nick bot --irc-channel '#t' answers +echo hi", async () => {
    const alice = await IrcUser.connect(server.port, 'alice', ['#t']);
    try {
      const args = [
        '--irc',
        `127.0.0.1:${server.port}`,
        '--irc-nick',
        'bot',
        '--irc-channel',
        '#t',
        '--data-dir',
        dataDir,
      ];
      child = spawn('npm', ['run', 'bot', '--', ...args], {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true, // its own process group, so the test can stop npm and everything under it
      });
      child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (output += d.toString()));

      // the bot joins #t once it is registered
      await until(
        `the bot to join #t; its output so far:\n${output}`,
        () => alice.rawLines.some((l) => /^:bot!\S+ JOIN :?#t\s*$/.test(l)),
        45_000,
      );
      const since = alice.heard.length;
      alice.say('#t', '+echo hi');
      expect(await answers(alice, 'bot', since)).toEqual(['hi']);
      expect(alice.from('bot', since)[0]!.target).toBe('#t');
    } finally {
      await alice.quit();
    }
    // Ctrl-C: a clean shutdown (QUIT sent, adapters stopped) well within the time
    expect(await stopBot(), output).toBe(true);
    expect(output).toContain('Bot running headless');
    expect(output).toContain('bot stopped');
  }, 90_000);
});
