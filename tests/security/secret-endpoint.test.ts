import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Api } from '../../src/main/api/api';
import type { Bot } from '../../src/main/runtime/bot';
import { DISCORD_ADAPTER_ID } from '../../src/main/runtime/adapters/discord/message-mapping';
import { rebindSecrets } from '../../src/main/runtime/config/secret-binding';
import { useTmpDirs } from '../support/tmp-dir';
import { startTestBot, testApi } from '../support/test-bot';
import { waitFor } from '../support/wait';
import { ScriptedServer } from '../irc/support/scripted-server';

const tmp = useTmpDirs();
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

/** An HTTP listener on 127.0.0.1 that records every request's Authorization header and answers 401. */
async function recordingHttp(): Promise<{ url: string; auth: (string | undefined)[] }> {
  const auth: (string | undefined)[] = [];
  const server = http.createServer((req, res) => {
    auth.push(req.headers.authorization);
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end('{"message":"401: Unauthorized","code":0}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanup.push(() => new Promise<void>((r) => server.close(() => r())));
  server.unref();
  return { url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/api`, auth };
}

/** An IRC server on 127.0.0.1 that registers a client and records every line it sends. */
async function recordingIrc(): Promise<{ port: number; lines: string[] }> {
  const server = await ScriptedServer.start();
  cleanup.push(() => server.close());
  return { port: server.port, lines: server.received };
}

async function botWith(config: unknown): Promise<{ bot: Bot; api: Api; dataDir: string }> {
  const dataDir = path.join(tmp(), 'data');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path.join(dataDir, 'config.json'), JSON.stringify(config));
  const bot = await startTestBot(dataDir);
  const api = testApi(bot);
  cleanup.push(async () => {
    api.dispose();
    await bot.stop();
  });
  return { bot, api, dataDir };
}

const call = (api: Api, method: string, input: unknown) =>
  api.router.call(method, input, { transport: 'test' });

async function storedConfig(api: Api): Promise<Record<string, Record<string, unknown>>> {
  const got = await call(api, 'config.get', {});
  if (!got.ok) throw new Error(got.error.message);
  return (got.data as { stored: Record<string, Record<string, unknown>> }).stored;
}

describe('a secret stays with the endpoint it was entered for', () => {
  it('changing discord.api clears the token, and the new endpoint never sees it', async () => {
    const oldEndpoint = await recordingHttp();
    const newEndpoint = await recordingHttp();
    const { bot, api } = await botWith({ discord: { token: 'old-token-123', api: oldEndpoint.url } });
    // the listener setup can see a token: the old endpoint got it at start
    await waitFor('the old endpoint to see the token', () => oldEndpoint.auth.includes('Bot old-token-123'));

    const stored = await storedConfig(api);
    const result = await call(api, 'config.set', {
      config: { ...stored, discord: { ...stored.discord, api: newEndpoint.url } },
      secrets: {},
    });
    expect(result.ok).toBe(true);
    expect(bot.config.stored().discord.token).toBeNull();
    const secrets = ((await call(api, 'config.get', {})) as { ok: true; data: { secrets: object } }).data
      .secrets;
    expect(secrets).not.toHaveProperty('discord.token');

    await call(api, 'adapters.connect', { id: DISCORD_ADAPTER_ID });
    // either the new endpoint is contacted (the bug) or the adapter refuses for want of a token
    const discordError = (): string =>
      bot.status().adapters.find((a) => a.id === DISCORD_ADAPTER_ID)?.lastError ?? '';
    await waitFor(
      'the Discord adapter to settle',
      () => newEndpoint.auth.length > 0 || /No Discord token/.test(discordError()),
    );
    expect(discordError()).toMatch(/No Discord token/);
    expect(newEndpoint.auth.filter((a) => a !== undefined)).toEqual([]);
    expect(readFileSync(bot.config.file, 'utf8')).not.toContain('old-token-123');
  });

  it('keeps the token when discord.api is unchanged', async () => {
    const endpoint = await recordingHttp();
    const { bot, api } = await botWith({ discord: { token: 'kept-token', api: endpoint.url } });
    const stored = await storedConfig(api);
    const result = await call(api, 'config.set', {
      config: { ...stored, bot: { name: 'renamed' } },
      secrets: {},
    });
    expect(result.ok).toBe(true);
    expect(bot.config.stored().discord.token).toBe('kept-token');
  });

  it('discord.api accepts only http(s) URLs', async () => {
    const { api } = await botWith({});
    const stored = await storedConfig(api);
    for (const bad of [
      'file:///etc/passwd',
      'ftp://127.0.0.1/',
      'javascript:alert(1)',
      'ws://127.0.0.1:1/',
    ]) {
      const result = await call(api, 'config.set', {
        config: { ...stored, discord: { ...stored.discord, api: bad } },
        secrets: {},
      });
      expect(result.ok, bad).toBe(false);
      if (!result.ok) expect(result.error.message).toMatch(/discord\.api/);
    }
  });

  it('changing an IRC server port clears its password: after a restart the new server gets no PASS', async () => {
    const oldServer = await recordingIrc();
    const newServer = await recordingIrc();
    const irc = (port: number) => ({ host: '127.0.0.1', port, nick: 'probe', password: 'old-pass' });
    const { bot, api, dataDir } = await botWith({ irc: { servers: [irc(oldServer.port)] } });
    await waitFor('the old server to get PASS', () => oldServer.lines.includes('PASS old-pass'));

    const stored = await storedConfig(api);
    const servers = stored.irc!.servers as Record<string, unknown>[];
    const result = await call(api, 'config.set', {
      config: { ...stored, irc: { servers: [{ ...servers[0], port: newServer.port }] } },
      secrets: {},
    });
    expect(result.ok).toBe(true);
    expect(bot.config.stored().irc.servers[0]?.password).toBeNull();

    // a restart reads the saved config and connects to the new endpoint
    const again = await startTestBot(dataDir);
    cleanup.push(() => again.stop());
    await waitFor('the new server to get NICK', () => newServer.lines.some((l) => l.startsWith('NICK ')));
    expect(newServer.lines.filter((l) => l.startsWith('PASS'))).toEqual([]);
  });

  it('an IRC password follows its server when servers are reordered, and a new secret may be given', () => {
    const current = {
      irc: {
        servers: [
          { host: 'a.example', port: 6667, password: 'pa', sasl: null },
          { host: 'b.example', port: 6697, password: null, sasl: { account: 'me', password: 'pb' } },
        ],
      },
    };
    const next = { irc: { servers: [current.irc.servers[1], current.irc.servers[0]] } };
    expect(rebindSecrets(current, next)).toEqual([
      { from: 'irc.servers.1.sasl.password', to: 'irc.servers.0.sasl.password' },
      { from: 'irc.servers.0.password', to: 'irc.servers.1.password' },
    ]);
    const moved = { irc: { servers: [{ ...current.irc.servers[0], host: 'A.EXAMPLE' }] } };
    expect(rebindSecrets(current, moved)).toEqual([
      { from: 'irc.servers.0.password', to: 'irc.servers.0.password' },
    ]);
    const elsewhere = { irc: { servers: [{ ...current.irc.servers[0], host: 'evil.example' }] } };
    expect(rebindSecrets(current, elsewhere)).toEqual([]);
  });
});
