// choose() and respondCard() on IRC (a real ngircd): a numbered list answered by the next
// message, and a card as readable lines.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answers, startIrcBot, type IrcBot } from './support/irc-bot';
import { IrcUser, until } from './support/irc-user';
import { Ngircd, ngircdAvailable } from './support/ngircd';

const FILES = {
  'rich.ts': `import { Command } from 'cmdsys';
export class Pick extends Command {
  setup() { this.name = 'pick'; this.desc = 'Asks for a colour.'; }
  async call() {
    const colour = await this.choose('Which colour?', ['red', 'green', 'blue'], { timeoutMs: 5000 });
    await this.respond('picked ' + colour);
  }
}
export class Sure extends Command {
  setup() { this.name = 'sure'; this.desc = 'Asks yes or no.'; }
  async call() { await this.respond((await this.confirm('Really?', { timeoutMs: 5000 })) ? 'yes it is' : 'no then'); }
}
export class CardCmd extends Command {
  setup() { this.name = 'card'; this.desc = 'Shows a card.'; }
  async call() { await this.respondCard({ title: 'Weather', description: 'Sunny', fields: [{ name: 'High', value: '25 C' }], footer: 'today' }); }
}
`,
};

let server: Ngircd;
let irc: IrcBot;
let alice: IrcUser;
let dave: IrcUser;
let dataDir: string;

beforeAll(async () => {
  if (!ngircdAvailable) throw new Error('ngircd is not installed (/usr/sbin/ngircd); .ci/run installs it');
  server = await Ngircd.start();
  alice = await IrcUser.connect(server.port, 'alice', ['#test']);
  dave = await IrcUser.connect(server.port, 'dave', ['#test']);
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'protos-irc-rich-'));
  irc = await startIrcBot(dataDir, server.port, { files: FILES, send: { burst: 10, perSecond: 20 } });
  await until('the bot in #test', () => irc.adapter.status().channels === 1);
});

afterAll(async () => {
  await irc?.bot.stop('test over');
  await Promise.all([alice, dave].map((u) => u?.quit()));
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('choices and cards on IRC', () => {
  it("choose(): a numbered list; another user's number is not the answer, the asker's is", async () => {
    let since = alice.heard.length;
    alice.say('#test', '&pick');
    expect(await answers(alice, 'bot', since)).toEqual([
      'Which colour?',
      '1) red',
      '2) green',
      '3) blue',
      '(answer with a number from 1 to 3)',
    ]);
    since = alice.heard.length;
    dave.say('#test', '3');
    alice.say('#test', '2');
    expect(await answers(alice, 'bot', since)).toEqual(['picked green']);
  });

  it('choose(): a wrong answer is asked again; confirm() takes the option text', async () => {
    let since = alice.heard.length;
    alice.say('#test', '&sure');
    await answers(alice, 'bot', since);
    since = alice.heard.length;
    alice.say('#test', 'maybe');
    expect((await answers(alice, 'bot', since))[0]).toMatch(/"maybe" is none of the options/);
    since = alice.heard.length;
    alice.say('#test', 'yes');
    expect(await answers(alice, 'bot', since)).toEqual(['yes it is']);
  });

  it('respondCard(): readable lines', async () => {
    const since = alice.heard.length;
    alice.say('#test', '&card');
    expect(await answers(alice, 'bot', since)).toEqual(['Weather', 'Sunny', 'High: 25 C', '— today']);
  });
});
