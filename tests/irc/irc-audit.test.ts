// Audit channels and image replies on IRC, against a real ngircd.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answers, startIrcBot, type IrcBot } from './support/irc-bot';
import { IrcUser } from './support/irc-user';
import { Ngircd, ngircdAvailable } from './support/ngircd';

const REPO = path.resolve(import.meta.dirname, '../..');
let server: Ngircd;
let irc: IrcBot;
let carol: IrcUser; // owner by mask, talks in #test
let dave: IrcUser; // sits in #audit and watches
let dataDir: string;

beforeAll(async () => {
  if (!ngircdAvailable) throw new Error('ngircd is not installed (/usr/sbin/ngircd); .ci/run installs it');
  server = await Ngircd.start();
  carol = await IrcUser.connect(server.port, 'carol', ['#test']);
  dave = await IrcUser.connect(server.port, 'dave', ['#audit']);
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'protos-irc-audit-'));
  irc = await startIrcBot(dataDir, server.port, {
    files: { 'statcard.ts': readFileSync(path.join(REPO, 'commands/statcard.ts'), 'utf8') },
    channels: ['#test', '#audit'],
    owners: ['carol!*@127.0.0.1'],
    send: { burst: 10, perSecond: 20 },
  });
}, 30_000);

afterAll(async () => {
  await irc?.bot.stop('test over');
  await Promise.all([carol, dave].map((u) => u?.quit()));
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('IRC: audit channels and images (ngircd)', () => {
  it('auditlog add takes a channel name; the audit post arrives in that channel', async () => {
    let since = carol.heard.length;
    carol.say('#test', '&auditlog add audit');
    expect((await answers(carol, 'bot', since))[0]).toMatch(/"audit" is not an IRC channel name/);
    since = carol.heard.length;
    const watched = dave.heard.length;
    carol.say('#test', '&auditlog add #audit');
    expect(await answers(carol, 'bot', since)).toEqual([
      'Audit entries of this server now also go to #audit.',
    ]);
    const [post] = await dave.waitFrom('bot', watched);
    expect(post!.target).toBe('#audit');
    expect(post!.message).toBe('[audit] carol (auditlog add, #test): added audit channel #audit');
  }, 20_000);

  it('respondImage: IRC saves the PNG in the data dir and says where', async () => {
    const since = carol.heard.length;
    carol.say('#test', '&statcard');
    const lines = await answers(carol, 'bot', since);
    expect(lines[0]).toBe('Bot status');
    const m = /^\[image statcard\.png saved on the bot's machine: (.+\.png)\]$/.exec(lines[1] ?? '');
    expect(m).not.toBeNull();
    const file = m![1]!;
    expect(path.dirname(file)).toBe(path.join(irc.bot.dataDir, 'images'));
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file).subarray(1, 4).toString('latin1')).toBe('PNG');
  }, 20_000);
});
