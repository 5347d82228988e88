// Raw handler chain (bottom's raw_handlers / send_raw / handle_raw) reached by a command file
// through this.env.raw(): rewrite, swallow, send, inject — and released when the file goes.
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answers, COMMANDS, silence, startIrcBot, type IrcBot } from './support/irc-bot';
import { IrcUser } from './support/irc-user';
import { Ngircd, ngircdAvailable } from './support/ngircd';

const RAW_COMMANDS = (marker: string): string => `import { Command } from 'cmdsys';
// ${marker}
export class RawInfo extends Command {
  setup() {
    this.name = 'rawinfo';
    this.env.raw()?.addHandler(async (next, line) => {
      if (line.endsWith(' :&echo swallow me')) return; // swallowed: the bot never sees it
      await next(line.replace(/ :&magic$/, ' :&echo rewritten by a raw handler'));
    });
  }
  async call() {
    await this.respond(\`raw lines of \${this.env.raw()?.adapterId ?? 'nothing'}\`);
  }
}
export class RawSend extends Command {
  setup() { this.name = 'rawsend'; }
  async call() { await this.env.raw()!.send(\`PRIVMSG \${this.msg.channel.name} :sent with sendRaw\`); }
}
export class RawInject extends Command {
  setup() { this.name = 'rawinject'; }
  async call() {
    await this.env.raw()!.handle(\`:eve!~eve@injected.example PRIVMSG \${this.msg.channel.name} :&echo injected with handleRaw\`);
  }
}
`;

let server: Ngircd;
let irc: IrcBot;
let alice: IrcUser;
let dataDir: string;

beforeAll(async () => {
  if (!ngircdAvailable) throw new Error('ngircd is not installed (/usr/sbin/ngircd); .ci/run installs it');
  server = await Ngircd.start();
  alice = await IrcUser.connect(server.port, 'alice', ['#test']);
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'protos-irc-raw-'));
  irc = await startIrcBot(dataDir, server.port, { files: { ...COMMANDS, 'raw.ts': RAW_COMMANDS('v1') } });
});

afterAll(async () => {
  await irc?.bot.stop('test over');
  await alice?.quit();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function say(text: string): Promise<string[]> {
  const since = alice.heard.length;
  alice.say('#test', text);
  return answers(alice, 'bot', since);
}

async function sayQuietly(text: string): Promise<string[]> {
  const since = alice.heard.length;
  alice.say('#test', text);
  return silence(alice, 'bot', since);
}

describe('raw handlers from a command file (ngircd)', () => {
  it('a handler added with this.env.raw() rewrites and swallows incoming lines', async () => {
    expect(irc.adapter.rawHandlerCount).toBe(1);
    expect(await say('&rawinfo')).toEqual([`raw lines of irc:127.0.0.1:${server.port}`]);
    expect(await say('&magic')).toEqual(['rewritten by a raw handler']);
    expect(await sayQuietly('&echo swallow me')).toEqual([]);
    expect(await say('&echo keep me')).toEqual(['keep me']);
  });

  it('sendRaw sends a line through flood control; handleRaw injects one as if from the server', async () => {
    expect(await say('&rawsend')).toEqual(['sent with sendRaw']);
    expect(await say('&rawinject')).toEqual(['injected with handleRaw']);
    // the adapter's own API: bad lines are refused, not sent
    await expect(irc.adapter.sendRaw('PRIVMSG #test :a\r\nQUIT')).rejects.toThrow(/CR, LF or NUL/);
    await expect(irc.adapter.sendRaw(`PRIVMSG #test :${'x'.repeat(600)}`)).rejects.toThrow(/510 bytes/);
  });

  it('a reload replaces the handler; removing the file releases it', async () => {
    writeFileSync(path.join(irc.commandsDir, 'raw.ts'), RAW_COMMANDS('v2, a bit longer'));
    await irc.bot.commands.reload();
    expect(irc.adapter.rawHandlerCount).toBe(1);
    expect(await say('&magic')).toEqual(['rewritten by a raw handler']);

    unlinkSync(path.join(irc.commandsDir, 'raw.ts'));
    const report = await irc.bot.commands.reload();
    expect(report.failed).toEqual([]);
    expect(irc.adapter.rawHandlerCount).toBe(0);
    // unknown commands are not answered in channels: the rewrite is gone
    expect(await sayQuietly('&magic')).toEqual([]);
    expect(await say('&echo swallow me')).toEqual(['swallow me']);
  });
});
