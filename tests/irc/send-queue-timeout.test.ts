// Time a command spends waiting on the network's send queue (IRC flood control) does not count
// against its timeout, and the stop notice is always the last line its channel gets (against a
// real ngircd, with a slow send rate so the queue is what takes the time).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIrcBot, type IrcBot } from './support/irc-bot';
import { IrcUser, sleep, until } from './support/irc-user';
import { Ngircd, ngircdAvailable } from './support/ngircd';

const FILES = {
  'queue.ts': `import { Command, IntegerArgument, type ArgsOf } from 'cmdsys';

/** Only talks: every bit of its time is spent waiting on the send queue. */
export class Many extends Command {
  setup() {
    this.name = 'many';
    this.timeoutMs = 800;
    return this.addArgument(new IntegerArgument('n'));
  }
  async call({ n }: ArgsOf<Many>) {
    for (let i = 1; i <= n; i++) await this.respond('line ' + i);
  }
}

/** Works 60 ms of its own per line, ignores cancellation and keeps talking after its timeout. */
export class Stubborn extends Command {
  setup() { this.name = 'stubborn'; this.timeoutMs = 500; }
  async call() {
    for (let i = 1; i <= 200; i++) {
      await new Promise((r) => setTimeout(r, 60));
      await this.respond('s' + i);
    }
  }
}
`,
};

let server: Ngircd;
let irc: IrcBot;
let alice: IrcUser;
let dataDir: string;

beforeAll(async () => {
  if (!ngircdAvailable) throw new Error('ngircd is not installed (/usr/sbin/ngircd); .ci/run installs it');
  server = await Ngircd.start();
  alice = await IrcUser.connect(server.port, 'alice', ['#q']);
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'protos-irc-queue-'));
  // burst 2, then 10 lines/s: 25 lines take ~2.3 s of queue time, far beyond an 800 ms timeout
  irc = await startIrcBot(dataDir, server.port, {
    files: FILES,
    channels: ['#q'],
    send: { burst: 2, perSecond: 10 },
  });
  await until('the bot in #q', () => irc.adapter.status().channels === 1, 8_000);
});

afterAll(async () => {
  await irc?.bot.stop('test over');
  await alice?.quit();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('timeouts and the send queue (ngircd)', () => {
  it('a command that only talks is not cut by its timeout while the queue paces it', async () => {
    const since = alice.heard.length;
    alice.say('#q', '&many 25');
    const got = await alice.waitFrom('bot', since, 25, 15_000);
    expect(got.map((h) => h.message)).toEqual(Array.from({ length: 25 }, (_, i) => `line ${i + 1}`));
    await until('the invocation to end', () => irc.bot.commands.executor.runningCount === 0, 5_000);
    await sleep(300);
    expect(alice.from('bot', since)).toHaveLength(25); // no stop notice
  }, 30_000);

  it('the stop notice is the last line: nothing the command says afterwards goes out', async () => {
    const since = alice.heard.length;
    alice.say('#q', '&stubborn');
    const notice = await until(
      'the stop notice',
      () => alice.from('bot', since).find((h) => h.message.startsWith('Stopped "stubborn"')),
      15_000,
    );
    expect(notice.message).toBe('Stopped "stubborn" (took longer than 500 ms).');
    // the command is abandoned but still running its loop: give it time to try more lines
    await sleep(1_500);
    const lines = alice.from('bot', since).map((h) => h.message);
    expect(lines.at(-1)).toBe(notice.message);
    const before = lines.slice(0, -1);
    expect(before.length).toBeGreaterThan(0);
    expect(before).toEqual(before.map((_, i) => `s${i + 1}`)); // complete and in order
    expect(irc.logs().some((e) => e.msg === 'response after the invocation ended was dropped')).toBe(true);
  }, 30_000);
});
