// The IRC adapter's connection life against a real ngircd: registration then JOIN after the
// MOTD, PING/PONG, lifecycle events, nick-in-use fallback, and a killed and restarted server.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltinEvents } from '../../src/main/runtime/events/event-map';
import { answers, COMMANDS, startIrcBot, type IrcBot } from './support/irc-bot';
import { IrcUser, sleep, until } from './support/irc-user';
import { Ngircd, ngircdAvailable } from './support/ngircd';

type Lifecycle = { event: keyof BuiltinEvents; payload: unknown };

let server: Ngircd;
const bots: IrcBot[] = [];
const users: IrcUser[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  if (!ngircdAvailable) throw new Error('ngircd is not installed (/usr/sbin/ngircd); .ci/run installs it');
  // the server PINGs a client after 5 s of silence (ngircd's minimum) and wants the PONG within 5 s
  server = await Ngircd.start({ pingTimeout: 5, pongTimeout: 5 });
});

afterEach(async () => {
  for (const irc of bots.splice(0)) await irc.bot.stop('test over');
  await Promise.all(users.splice(0).map((u) => u.quit()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

afterAll(async () => {
  await server?.stop();
});

async function bot(options: Parameters<typeof startIrcBot>[2] = {}): Promise<IrcBot> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'protos-irc-conn-'));
  dirs.push(dir);
  const irc = await startIrcBot(dir, server.port, { files: COMMANDS, ...options });
  bots.push(irc);
  return irc;
}

async function user(nick: string, channels: string[] = []): Promise<IrcUser> {
  const u = await IrcUser.connect(server.port, nick, channels);
  users.push(u);
  return u;
}

function recordLifecycle(events: Lifecycle[]) {
  return (b: IrcBot['bot']): void => {
    for (const event of ['client_connect', 'client_disconnect', 'ready'] as const)
      b.events.on(event, (payload) => events.push({ event, payload }));
  };
}

describe('IRC connection (ngircd)', () => {
  it('registers, joins only after the MOTD, fires client_connect then ready, answers PING', async () => {
    const events: Lifecycle[] = [];
    const wire: string[] = [];
    const statusCount = { n: 0 };
    const irc = await bot({
      beforeStart: (b) => {
        recordLifecycle(events)(b);
        b.onStatus(() => statusCount.n++);
        const client = b.adapter(`irc:127.0.0.1:${server.port}`)?.native as {
          on(e: 'raw', fn: (e: { line: string; from_server: boolean }) => void): void;
        };
        client.on('raw', (e) => wire.push(`${e.from_server ? '<' : '>'} ${e.line.trim()}`));
      },
    });
    const id = irc.adapter.id;
    await until('ready', () => events.some((e) => e.event === 'ready'));
    expect(events.map((e) => e.event)).toEqual(['client_connect', 'ready']);
    expect(events[0]!.payload).toEqual({ adapterId: id, network: 'irc' });
    const endOfMotd = wire.findIndex((l) => / 376 bot /.test(l));
    const join = wire.findIndex((l) => l === '> JOIN #test');
    expect(endOfMotd).toBeGreaterThan(-1);
    expect(join).toBeGreaterThan(endOfMotd);
    expect(statusCount.n).toBeGreaterThan(0);

    // left idle, the server PINGs; the bot PONGs and stays
    await until('a PING from the server', () => wire.some((l) => l.startsWith('< PING ')), 15_000);
    const ping = wire.find((l) => l.startsWith('< PING '))!;
    await until('the PONG', () => wire.includes(`> PONG ${ping.slice('< PING '.length).replace(/^:/, '')}`));
    await sleep(5_500); // beyond the server's PongTimeout
    expect(irc.adapter.status().state).toBe('connected');
    expect(events.filter((e) => e.event === 'client_disconnect')).toEqual([]);
    expect(irc.adapter.status().latencyMs).not.toBeNull();
  }, 45_000);

  it('falls back to nick_ / nick__ when the nick is taken, and takes it back when it frees up', async () => {
    const holder = await user('dup', ['#test']);
    await user('dup_');
    const irc = await bot({ nick: 'dup' });
    expect(irc.adapter.addressing().names).toEqual(['dup__']);
    expect(irc.logs().some((e) => e.msg === 'nick unavailable; trying another')).toBe(true);
    // addressed by its current nick
    const since = holder.heard.length;
    holder.say('#test', 'dup__: echo fallback works');
    expect(await answers(holder, 'dup__', since)).toEqual(['fallback works']);
    await holder.quit();
    await until('the nick reclaimed', () => irc.adapter.addressing().names[0] === 'dup', 5_000);
    expect(irc.adapter.status().label).toContain('as dup');
  });

  it("stop() quits cleanly; start() connects and rejoins again (the panel's disconnect/connect)", async () => {
    const events: Lifecycle[] = [];
    const irc = await bot({ beforeStart: recordLifecycle(events) });
    const alice = await user('alice', ['#test']);
    await irc.adapter.stop();
    expect(irc.adapter.status()).toMatchObject({ state: 'stopped', channels: 0, guilds: 0, lastError: null });
    await until('the QUIT to reach alice', () => alice.rawLines.some((l) => /^:bot!\S+ QUIT /.test(l)));
    await until('client_disconnect', () => events.some((e) => e.event === 'client_disconnect'));
    await expect(irc.adapter.send({ channel: { id: '#test', name: '#test' }, text: 'x' })).rejects.toThrow(
      /not running/,
    );

    await irc.adapter.start();
    expect(irc.adapter.status()).toMatchObject({ state: 'connected', channels: 1 });
    const since = alice.heard.length;
    alice.say('#test', '&echo hello again');
    expect(await answers(alice, 'bot', since)).toEqual(['hello again']);
  });

  it('survives ngircd being killed: reconnects with backoff, rejoins and answers again', async () => {
    const events: Lifecycle[] = [];
    const irc = await bot({ beforeStart: recordLifecycle(events) });
    await server.kill();
    await until('client_disconnect', () => events.some((e) => e.event === 'client_disconnect'), 5_000);
    await until('reconnecting state', () => irc.adapter.status().state === 'reconnecting');
    expect(irc.adapter.status().lastError).not.toBeNull();
    expect(irc.adapter.status().channels).toBe(0);

    await sleep(300);
    await server.launch();
    await until('ready again', () => events.filter((e) => e.event === 'ready').length >= 2, 15_000);
    const status = irc.adapter.status();
    expect(status).toMatchObject({ state: 'connected', channels: 1, guilds: 1 });
    expect(status.reconnects).toBeGreaterThanOrEqual(1);
    expect(events.map((e) => e.event).slice(0, 3)).toEqual(['client_connect', 'ready', 'client_disconnect']);

    const alice = await user('alice', ['#test']);
    const since = alice.heard.length;
    alice.say('#test', '&echo back again');
    expect(await answers(alice, 'bot', since)).toEqual(['back again']);
  });
});
