// The Discord side of the reply-latency bench, in a process of its own (as Discord is on another
// machine): two fake Discords (gateway + REST on 127.0.0.1), one for the bot under test and one
// for the bare discord.js client. It prints their addresses as one JSON line, waits for `go` on
// stdin (both clients connected), then injects `+echo N` / `!echo N` interleaved and times each
// reply's POST on its own clock: in the bench's process that clock would also count whatever
// the bot does after its reply left (bookkeeping nobody on Discord waits for), since one event
// loop would run both. Prints the times as one JSON line, then exits on `close`.
import { createInterface } from 'node:readline';
import { FakeDiscord } from '../../tests/discord/fake-discord/server';

export interface DiscordTimingSpec {
  warmup: number;
  rounds: number;
  /** Round trips per side in each round. */
  trips: number;
  pauseMs: number;
}

export interface DiscordFakes {
  bot: { token: string; apiBase: string };
  bare: { token: string; apiBase: string };
}

export interface DiscordTimingResult {
  rounds: { bot: number[]; bare: number[] }[];
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

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

  const trip = async (fake: FakeDiscord, text: string): Promise<number> => {
    const arrived = nextPost(fake);
    const sent = performance.now();
    fake.say(text);
    const ms = (await arrived) - sent;
    await pause(spec.pauseMs);
    return ms;
  };
  let n = 0;
  const one = (who: 'bot' | 'bare'): Promise<number> => {
    const token = `d${n++}`;
    return who === 'bot' ? trip(fakeBot, `+echo ${token}`) : trip(fakeBare, `!echo ${token}`);
  };
  for (let i = 0; i < spec.warmup; i++) {
    await one('bot');
    await one('bare');
  }
  const rounds: DiscordTimingResult['rounds'] = [];
  for (let r = 0; r < spec.rounds; r++) {
    const round = { bot: [] as number[], bare: [] as number[] };
    // interleaved, order alternating: both clients see the same machine load (this box is shared)
    for (let i = 0; i < spec.trips; i++) {
      for (const who of (r + i) % 2 === 0 ? (['bot', 'bare'] as const) : (['bare', 'bot'] as const))
        round[who].push(await one(who));
    }
    rounds.push(round);
  }
  const result: DiscordTimingResult = { rounds };
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
