// Chat manners and command ids over a real ngircd: a line that only looks like a command gets
// no error in the channel, a known command gets the quote error with the column of what the
// user typed, a command runs by its id, and ids survive reloadCommands and a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answers, COMMANDS, silence, startIrcBot, type IrcBot } from './support/irc-bot';
import { IrcUser } from './support/irc-user';
import { Ngircd, ngircdAvailable } from './support/ngircd';

let server: Ngircd;
let irc: IrcBot;
let alice: IrcUser;
let dataDir: string;

beforeAll(async () => {
  if (!ngircdAvailable) throw new Error('ngircd is not installed (/usr/sbin/ngircd); .ci/run installs it');
  server = await Ngircd.start();
  alice = await IrcUser.connect(server.port, 'alice', ['#test']);
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'protos-irc-manners-'));
  irc = await startIrcBot(dataDir, server.port, { files: COMMANDS });
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

const ids = (bot: IrcBot): Map<string, number> =>
  new Map(bot.bot.commands.registry.list().map((e) => [e.command.name, e.id]));

describe('chat manners in a channel (ngircd)', () => {
  it('"bot, what\'s up?" gets no reply; "&echo \'x" (a known command) gets the quote error', async () => {
    expect(await sayQuietly("bot, what's up?")).toEqual([]);
    expect(await sayQuietly("&don't")).toEqual([]);
    expect(await say("&echo 'x")).toEqual(["Unclosed ' quote at column 7"]);
    expect(await say("bot: echo 'x")).toEqual(["Unclosed ' quote at column 11"]);
  });
});

describe('command ids (ngircd)', () => {
  it('a command runs by its id; ids are equal after reloadCommands and after a restart', async () => {
    const before = ids(irc);
    const echo = before.get('echo')!;
    expect(await say(`&#${echo} by id`)).toEqual(['by id']);
    const since = alice.heard.length;
    alice.say('#test', `&help #${echo}`);
    // three lines, paced by flood control
    const help = await alice.waitFrom('bot', since, 3);
    expect(help.map((h) => h.message).join('\n')).toContain(`(id ${echo}, file echo.ts)`);

    await irc.bot.commands.reload(true);
    expect(ids(irc)).toEqual(before);

    await irc.bot.stop('restart');
    irc = await startIrcBot(dataDir, server.port, {});
    expect(ids(irc)).toEqual(before);
    expect(await say(`&#${echo} after a restart`)).toEqual(['after a restart']);
  });
});
