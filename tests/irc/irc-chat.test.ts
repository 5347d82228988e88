// The IRC adapter against a real ngircd: the seed's detection table with trigger `&` and nick
// `bot`, private messages, mentions, byte-split answers, flood control, formatting, ranks.
import { rmSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answers, COMMANDS, LONG_TEXT, silence, startIrcBot, type IrcBot } from './support/irc-bot';
import { IrcUser, WireObserver, until } from './support/irc-user';
import { Ngircd, ngircdAvailable } from './support/ngircd';

let server: Ngircd;
let irc: IrcBot;
let alice: IrcUser; // joined #test first: channel operator
let carol: IrcUser; // owner by mask
let dave: IrcUser; // nobody special
let dataDir: string;

beforeAll(async () => {
  if (!ngircdAvailable) throw new Error('ngircd is not installed (/usr/sbin/ngircd); .ci/run installs it');
  server = await Ngircd.start();
  alice = await IrcUser.connect(server.port, 'alice', ['#test']);
  carol = await IrcUser.connect(server.port, 'carol', ['#test']);
  dave = await IrcUser.connect(server.port, 'dave', ['#test']);
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'protos-irc-chat-'));
  irc = await startIrcBot(dataDir, server.port, {
    files: COMMANDS,
    owners: ['carol!*@127.0.0.1'],
    send: { burst: 5, perSecond: 10 },
  });
});

afterAll(async () => {
  await irc?.bot.stop('test over');
  await Promise.all([alice, carol, dave].map((u) => u?.quit()));
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('IRC chat (ngircd)', () => {
  it('joined #test after the MOTD and reports its status', async () => {
    expect(irc.adapter.id).toBe(`irc:127.0.0.1:${server.port}`);
    const status = irc.adapter.status();
    expect(status).toMatchObject({
      network: 'irc',
      state: 'connected',
      guilds: 1,
      channels: 1,
      lastError: null,
    });
    await until('a latency measurement', () => irc.adapter.status().latencyMs !== null);
    expect(irc.adapter.addressing()).toEqual({ names: ['bot'], mentions: [] });
    // the relayed hostmask is known, so the byte budget is exact
    expect(irc.adapter.limits.maxChars).toBeNull();
    expect(irc.adapter.limits.maxBytes).toBe(512 - ':bot!~bot@127.0.0.1 PRIVMSG  :'.length - 30 - 2);
    // the console keeps working next to it: one pipeline for both
    const outputs: string[] = [];
    const off = irc.bot.console.onOutput((o) => outputs.push(o.text));
    try {
      await irc.bot.console.exec('panel', 'echo from the console');
      await until('the console answer', () => outputs.includes('from the console'));
    } finally {
      off();
    }
  });

  it('answers exactly the addressed lines of the seed table (trigger &, nick bot)', async () => {
    const table: [string, boolean][] = [
      ['&help test', true],
      ['help test', false],
      ['bot, help test', true],
      ['bottest help', false],
      ['bot: help test', true],
      ['bot help test', true],
    ];
    const said: Record<string, string[]> = {};
    let help: string[] | null = null;
    for (const [line, answered] of table) {
      const since = alice.heard.length;
      alice.say('#test', line);
      if (!answered) said[line] = await silence(alice, 'bot', since);
      else if (!help) said[line] = help = await answers(alice, 'bot', since, 800);
      else {
        // the same help again: wait for all of its lines, then make sure nothing more follows
        await alice.waitFrom('bot', since, help.length);
        said[line] = await silence(alice, 'bot', since, 300);
      }
    }
    if (!help) throw new Error('no help answer');
    expect(help.length).toBeGreaterThan(0);
    expect(help.join('\n')).toContain('The command the detection table asks help for.');
    expect(said).toEqual({
      '&help test': help,
      'help test': [],
      'bot, help test': help,
      'bottest help': [],
      'bot: help test': help,
      'bot help test': help,
    });
    // every answer went to the channel
    expect(alice.from('bot').every((h) => h.target === '#test')).toBe(true);
  });

  it('answers a private message privately, without a trigger', async () => {
    const since = alice.heard.length;
    alice.say('bot', 'echo just between us');
    const got = await answers(alice, 'bot', since);
    expect(got).toEqual(['just between us']);
    expect(alice.from('bot', since)[0]!.target).toBe('alice');
    const whoSince = alice.heard.length;
    alice.say('bot', 'whoami');
    // channel modes do not apply in private: alice is an op in #test but default rank here
    expect(await answers(alice, 'bot', whoSince)).toEqual(['alice rank 10 private']);
  });

  it('answers CTCP VERSION (through its own flood control)', async () => {
    alice.raw('PRIVMSG bot :\x01VERSION\x01');
    await until('the VERSION reply', () =>
      alice.rawLines.some(
        (l) => /^:bot!\S+ NOTICE alice :/.test(l) && l.includes('\x01VERSION ProtOS Panel'),
      ),
    );
  });

  it('respond(text, true) addresses the author IRC-style: "nick: text"', async () => {
    const since = dave.heard.length;
    dave.say('#test', '&mention');
    expect(await answers(dave, 'bot', since)).toEqual(['dave: pong']);
  });

  it('splits a long answer into PRIVMSGs of at most 512 bytes on the wire, all valid UTF-8', async () => {
    const observer = await WireObserver.connect(server.port, 'wire', '#test');
    try {
      const decoder = new TextDecoder('utf-8', { fatal: true });
      for (const [command, expected] of [
        ['long', LONG_TEXT()],
        ['longword', '😀'.repeat(400) + 'é'.repeat(300)],
      ] as const) {
        const since = observer.lines.length;
        const textOf = (line: Buffer): string =>
          line
            .toString('utf8')
            .replace(/^:\S+ PRIVMSG #test :/, '')
            .replace(/\r\n$/, '');
        alice.say('#test', `&${command}`);
        // nothing lost: soft breaks eat only the spaces they break at
        const wire = await until('the whole answer on the wire', () => {
          const lines = observer.privmsgsFrom('bot', since);
          const text = lines.map(textOf).join('');
          return text.replace(/ /g, '') === expected.replace(/ /g, '') ? lines : null;
        });
        expect(wire.length).toBeGreaterThan(1);
        for (const line of wire) {
          expect(line.length).toBeLessThanOrEqual(512);
          expect(() => decoder.decode(line)).not.toThrow();
        }
        if (command === 'long') expect(wire.map(textOf).join(' ')).toBe(expected);
      }
    } finally {
      observer.close();
    }
  });

  it('flood control: a 20-line answer arrives complete and in order, paced, without a disconnect', async () => {
    const disconnects: unknown[] = [];
    const off = irc.bot.events.on('client_disconnect', (e) => disconnects.push(e));
    try {
      const since = alice.heard.length;
      const started = Date.now();
      alice.say('#test', '&lines');
      const got = await alice.waitFrom('bot', since, 20, 10_000);
      const elapsed = got[19]!.at - started;
      expect(got.map((h) => h.message)).toEqual(Array.from({ length: 20 }, (_, i) => `line ${i + 1}`));
      // burst 5, then 10/s: the last of 20 lines leaves no sooner than ~1.5 s after the first
      expect(elapsed).toBeGreaterThanOrEqual(1_300);
      expect(irc.adapter.status().state).toBe('connected');
      expect(disconnects).toEqual([]);
    } finally {
      off();
    }
  });

  it('strips incoming formatting codes (logged) and maps outgoing markdown to IRC codes', async () => {
    const since = alice.heard.length;
    alice.say('#test', '\x02&echo\x02 \x0304,01red\x03 \x1Ditalic\x1D \x1Funder\x1F\x0F');
    expect(await answers(alice, 'bot', since)).toEqual(['red italic under']);
    expect(irc.logs().some((e) => e.msg === 'stripped IRC formatting' && e.level === 'debug')).toBe(true);
    const fmtSince = alice.heard.length;
    alice.say('#test', '&fmt');
    // the fences are dropped; bold and italic become ^B and ^]
    const fmt = await alice.waitFrom('bot', fmtSince, 2);
    expect(fmt.map((h) => h.message)).toEqual(['\x02bold\x02 and \x1Dit\x1D', 'const x = 1;']);
  });

  it('ranks: owner mask → 1, op (@) → 2, voice (+) → 4, others → default', async () => {
    const ask = async (user: IrcUser): Promise<string> => {
      const since = user.heard.length;
      user.say('#test', '&whoami');
      return (await answers(user, 'bot', since)).join('\n');
    };
    expect(await ask(carol)).toBe('carol rank 1 #test');
    expect(await ask(alice)).toBe('alice rank 2 #test');
    expect(await ask(dave)).toBe('dave rank 10 #test');
    alice.raw('MODE #test +v dave');
    // the bot gets the MODE line in the same burst as dave; a moment later it has applied it
    await until('the +v to reach the channel', () =>
      dave.rawLines.some((l) => l.includes('MODE #test +v dave')),
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(await ask(dave)).toBe('dave rank 4 #test');
    alice.raw('MODE #test -v dave');

    // reloadCommands needs rank 2: the owner may, a default user may not
    let since = carol.heard.length;
    carol.say('#test', '&reloadCommands');
    expect((await answers(carol, 'bot', since))[0]).toMatch(/^Reloaded commands/);
    since = dave.heard.length;
    await new Promise((r) => setTimeout(r, 100));
    dave.say('#test', '&reloadCommands');
    expect((await answers(dave, 'bot', since))[0]).toMatch(/^Not allowed/);
  });
});
