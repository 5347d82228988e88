import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/main/cli/run';
import { RUNTIME_ENTRY } from '../support/run-cli';
import { FakeDiscord } from './fake-discord/server';
import { TEST_COMMANDS, waitFor, within } from './support';

/** The token and REST base reach the adapter from the CLI: DISCORD_TOKEN, --discord-token, --discord-api. */
describe('Discord from the CLI', () => {
  let fake: FakeDiscord;
  let dir: string;

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    dir = mkdtempSync(path.join(os.tmpdir(), 'protos-discord-cli-'));
    mkdirSync(path.join(dir, 'commands'));
    writeFileSync(path.join(dir, 'commands', 'echo.ts'), TEST_COMMANDS['echo.ts']!);
  });

  afterAll(async () => {
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function run(args: string[], environment: Record<string, string>) {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (d: Buffer) => (out += d.toString()));
    stderr.on('data', (d: Buffer) => (err += d.toString()));
    const identifies = fake.gateway.stats.identifies.length;
    const exit = runCli(
      [
        '--console',
        '--data-dir',
        path.join(dir, 'data'),
        '--commands-dir',
        path.join(dir, 'commands'),
        ...args,
      ],
      { stdin, stdout, stderr, cwd: dir },
      { appName: 'test', appVersion: '0.0.0', rendererDir: dir, runtimeEntry: RUNTIME_ENTRY, environment },
    );
    try {
      await waitFor('the bot to identify', () => fake.gateway.stats.identifies.length > identifies, 10_000);
      await waitFor('READY', () => fake.gateway.connected);
      const from = fake.posted.length;
      fake.say('+echo from discord');
      const [post] = await fake.waitForPosts(1, from);
      stdin.write('echo from the console\n');
      await waitFor('the console answer', () => out.includes('from the console'));
      return { post: post!, identify: fake.gateway.stats.identifies.at(-1)!, stderr: () => err };
    } finally {
      stdin.end();
      expect(await within(exit, 15_000, 'the CLI')).toBe(0);
    }
  }

  it('takes the token from DISCORD_TOKEN and the REST base from --discord-api', async () => {
    const { post, identify } = await run(['--discord-api', fake.apiBase], { DISCORD_TOKEN: fake.token });
    expect(post.content).toBe('from discord');
    expect(identify.token).toBe(fake.token);
  }, 30_000);

  it('takes --discord-token over DISCORD_TOKEN, and never logs it', async () => {
    const result = await run(['--discord-api', fake.apiBase, '--discord-token', fake.token], {
      DISCORD_TOKEN: 'stale-token-from-env',
    });
    expect(result.identify.token).toBe(fake.token);
    expect(result.stderr()).not.toContain(fake.token);
  }, 30_000);
});
