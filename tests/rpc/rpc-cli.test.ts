// `npm run bot -- --rpc …` as an operator runs it: flags, token file, a real client, clean exit.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RpcClient } from '../../src/rpc-client';
import { REPO_ROOT, runBot } from '../support/run-cli';
import { useTmpDirs } from '../support/tmp-dir';
import { waitFor, within } from '../support/wait';

const tmp = useTmpDirs();
const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts the headless bot with --console, stdin left open until `finish()`. */
function launch(args: string[]) {
  const child = spawn(
    path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx'),
    ['src/main/cli.ts', '--console', ...args],
    {
      cwd: REPO_ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (d: Buffer) => (out.stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out.stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    out,
    finish: async () => {
      child.stdin.end();
      return within(exited, 20_000, 'the bot to exit');
    },
  };
}

describe('npm run bot -- --rpc', () => {
  it('--rpc-port starts the server with a 0600 token file; a client invokes a command; EOF exits 0', async () => {
    const dataDir = tmp();
    const port = await freePort();
    const bot = launch(['--data-dir', dataDir, '--rpc-port', String(port)]);
    await waitFor('the RPC server', () => bot.out.stderr.includes('RPC server listening'), 30_000);
    const file = path.join(dataDir, 'rpc-token');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const token = readFileSync(file, 'utf8').trim();
    const client = RpcClient.connect({ endpoint: `tcp://127.0.0.1:${port}`, token, requester: 'cli-test' });
    try {
      expect(await client.request('core', 'invoke', { line: 'ping' })).toEqual({
        responses: ['pong'],
        rank: 1,
      });
      const anonymous = RpcClient.connect({ endpoint: `tcp://127.0.0.1:${port}` });
      expect(await anonymous.call('core', 'ping')).toMatchObject({ status: 401 });
      anonymous.close();
    } finally {
      client.close();
    }
    expect(await bot.finish()).toBe(0);
    expect(bot.out.stderr).toContain('RPC server closed');
  }, 60_000);

  it('--rpc-no-auth answers token-less requests and warns', async () => {
    const dataDir = tmp();
    const port = await freePort();
    const bot = launch(['--data-dir', dataDir, '--rpc', '--rpc-port', String(port), '--rpc-no-auth']);
    await waitFor('the RPC server', () => bot.out.stderr.includes('RPC server listening'), 30_000);
    expect(bot.out.stderr).toContain('RPC authentication is OFF');
    const client = RpcClient.connect({ endpoint: `tcp://127.0.0.1:${port}` });
    try {
      expect(await client.request('core', 'ping')).toBe('pong');
    } finally {
      client.close();
    }
    expect(await bot.finish()).toBe(0);
  }, 60_000);

  it('refuses a bad --rpc-port with exit 2', async () => {
    const result = await runBot(['--rpc-port', '70000']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--rpc-port must be an integer 1-65535, got "70000"');
  }, 60_000);
});
