// Time a command spends waiting on the network's send queue (IRC flood control) does not count
// against its timeout, and the stop notice is always the last line its channel gets (against a
// real ngircd, with a slow send rate so the queue is what takes the time).

import { beforeAll, describe, expect, it } from 'vitest';

import { sleep, until } from './support/irc-user';
import { useIrcChannel } from './support/channel-fixture';

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

const world = useIrcChannel(
  'queue',
  {
    files: FILES,
    channels: ['#q'],
    send: { burst: 2, perSecond: 10 },
  },
  '#q',
);
beforeAll(async () => {
  await until('the bot in #q', () => world.irc.adapter.status().channels === 1, 8_000);
});

describe('timeouts and the send queue (ngircd)', () => {
  it('a command that only talks is not cut by its timeout while the queue paces it', async () => {
    const since = world.alice.heard.length;
    world.alice.say('#q', '&many 25');
    const got = await world.alice.waitFrom('bot', since, 25, 15_000);
    expect(got.map((h) => h.message)).toEqual(Array.from({ length: 25 }, (_, i) => `line ${i + 1}`));
    await until('the invocation to end', () => world.irc.bot.commands.executor.runningCount === 0, 5_000);
    await sleep(300);
    expect(world.alice.from('bot', since)).toHaveLength(25); // no stop notice
  }, 30_000);

  it('the stop notice is the last line: nothing the command says afterwards goes out', async () => {
    const since = world.alice.heard.length;
    world.alice.say('#q', '&stubborn');
    const notice = await until(
      'the stop notice',
      () => world.alice.from('bot', since).find((h) => h.message.startsWith('Stopped "stubborn"')),
      15_000,
    );
    expect(notice.message).toBe('Stopped "stubborn" (took longer than 500 ms).');
    // the command is abandoned but still running its loop: give it time to try more lines
    await sleep(1_500);
    const lines = world.alice.from('bot', since).map((h) => h.message);
    expect(lines.at(-1)).toBe(notice.message);
    const before = lines.slice(0, -1);
    expect(before.length).toBeGreaterThan(0);
    expect(before).toEqual(before.map((_, i) => `s${i + 1}`)); // complete and in order
    expect(world.irc.logs().some((e) => e.msg === 'response after the invocation ended was dropped')).toBe(
      true,
    );
  }, 30_000);
});
