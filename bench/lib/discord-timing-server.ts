// The Discord side of the reply-latency bench, in a process of its own (as Discord is on another
// machine): two fake Discords (gateway + REST on 127.0.0.1), one for the bot under test and one
// for the bare discord.js client. It prints their addresses as one JSON line, waits for `go` on
// stdin (both clients connected), then injects `+echo N` / `!echo N` interleaved and times each
// reply's POST on its own clock: in the bench's process that clock would also count whatever
// the bot does after its reply left (bookkeeping nobody on Discord waits for), since one event
// loop would run both. Prints the times as one JSON line, then exits on `close`.
import { createInterface } from 'node:readline';
import { FakeDiscord } from '../../tests/discord/fake-discord/server';
import { interleavedRounds, pause, type Schedule, type ScheduleSpec, type Side } from './interleaved-rounds';

export type DiscordTimingSpec = ScheduleSpec;

export interface DiscordFakes {
  bot: { token: string; apiBase: string };
  bare: { token: string; apiBase: string };
}

export type DiscordTimingResult = Schedule;

/** Resolves with performance.now() when the fake records the next posted message. */
function nextPost(fake: FakeDiscord): Promise<number> {
  return new Promise((resolve) => {
    const posted = fake.posted;
    const push = posted.push;
    posted.push = (...items) => {
      posted.push = push;
      resolve(performance.now());
      return push.apply(posted, items);
    };
  });
}

async function main(spec: DiscordTimingSpec): Promise<void> {
  const fakeBot = await FakeDiscord.start();
  const fakeBare = await FakeDiscord.start();
  const fakes: DiscordFakes = {
    bot: { token: fakeBot.token, apiBase: fakeBot.apiBase },
    bare: { token: fakeBare.token, apiBase: fakeBare.apiBase },
  };
  const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  const nextLine = async (): Promise<string> => {
    const next = await lines.next();
    if (next.done) throw new Error('the bench closed stdin');
    return next.value;
  };
  process.stdout.write(`${JSON.stringify(fakes)}\n`);
  if ((await nextLine()) !== 'go') throw new Error('expected "go"');

  const trip = async (fake: FakeDiscord, text: string, pauseMs: number): Promise<number> => {
    const arrived = nextPost(fake);
    const sent = performance.now();
    fake.say(text);
    const ms = (await arrived) - sent;
    if (pauseMs > 0) await pause(pauseMs);
    return ms;
  };
  let n = 0;
  const one = (who: Side, pauseMs: number): Promise<number> => {
    const token = `d${n++}`;
    return who === 'bot'
      ? trip(fakeBot, `+echo ${token}`, pauseMs)
      : trip(fakeBare, `!echo ${token}`, pauseMs);
  };
  const result: DiscordTimingResult = await interleavedRounds(spec, one);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  await nextLine(); // "close": the clients have logged out
  await fakeBot.close();
  await fakeBare.close();
  process.exit(0);
}

main(JSON.parse(process.argv[2] ?? '{}') as DiscordTimingSpec).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
