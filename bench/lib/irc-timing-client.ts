// The user of the reply-latency bench, in a process of its own (as a real user is on another
// machine): a raw IRC client that says `&echo N` to the bot and `!echo N` to the bare echo bot,
// interleaved, and times each answer. In the bench's own process its timestamps would also count
// whatever either bot does after writing its answer (bookkeeping a user never waits for), since
// one event loop would run both. Prints one JSON line with the times (ms) and exits.
//   node irc-timing-client.mjs '{"host":"127.0.0.1","port":6667,...}'
import net from 'node:net';

export interface TimingSpec {
  host: string;
  port: number;
  nick: string;
  /** The bot's channel and the bare echo bot's. */
  botChannel: string;
  bareChannel: string;
  warmup: number;
  rounds: number;
  /** Round trips per side in each round. */
  trips: number;
  /** Pause after each round trip (ms): people do not type a thousand lines a second. */
  pauseMs: number;
  /** Bursts of 100 answers to time (`&hundred`). */
  bursts: number;
}

export interface TimingResult {
  rounds: { bot: number[]; bare: number[] }[];
  /** First to last line of each 100-line burst (ms). */
  bursts: number[];
}

interface Waiter {
  match: (line: string) => boolean;
  resolve: (at: number) => void;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function main(spec: TimingSpec): Promise<TimingResult> {
  const socket = net.connect({ host: spec.host, port: spec.port });
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  socket.setNoDelay(true);
  socket.setEncoding('utf8');
  const waiters: Waiter[] = [];
  let buffer = '';
  socket.on('data', (data: string) => {
    buffer += data;
    for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const at = performance.now();
      if (line.startsWith('PING ')) socket.write(`PONG ${line.slice(5)}\r\n`);
      const hit = waiters.findIndex((w) => w.match(line));
      if (hit >= 0) waiters.splice(hit, 1)[0]!.resolve(at);
    }
  });
  const expect = (match: (line: string) => boolean): Promise<number> =>
    new Promise((resolve) => waiters.push({ match, resolve }));

  const registered = expect((l) => / (376|422) /.test(l));
  socket.write(`NICK ${spec.nick}\r\nUSER ${spec.nick} 0 * :${spec.nick}\r\n`);
  await registered;
  for (const channel of [spec.botChannel, spec.bareChannel]) {
    const joined = expect((l) => / 366 /.test(l) && l.includes(` ${channel} `));
    socket.write(`JOIN ${channel}\r\n`);
    await joined;
  }

  let n = 0;
  const trip = async (who: 'bot' | 'bare'): Promise<number> => {
    const token = `t${n++}`;
    const [channel, text] =
      who === 'bot' ? [spec.botChannel, `&echo ${token}`] : [spec.bareChannel, `!echo ${token}`];
    const arrived = expect((l) => l.startsWith(`:${who}!`) && l.endsWith(` :${token}`));
    const sent = performance.now();
    socket.write(`PRIVMSG ${channel} :${text}\r\n`);
    const ms = (await arrived) - sent;
    await pause(spec.pauseMs);
    return ms;
  };

  for (let i = 0; i < spec.warmup; i++) {
    await trip('bot');
    await trip('bare');
  }
  const rounds: TimingResult['rounds'] = [];
  for (let r = 0; r < spec.rounds; r++) {
    const round = { bot: [] as number[], bare: [] as number[] };
    // interleaved, order alternating: both bots see the same machine load (this box is shared)
    for (let i = 0; i < spec.trips; i++) {
      for (const who of (r + i) % 2 === 0 ? (['bot', 'bare'] as const) : (['bare', 'bot'] as const))
        round[who].push(await trip(who));
    }
    rounds.push(round);
  }

  const bursts: number[] = [];
  for (let i = 0; i < spec.bursts; i++) {
    const first = expect((l) => l.startsWith(':bot!') && l.endsWith(' :line 0'));
    const last = expect((l) => l.startsWith(':bot!') && l.endsWith(' :line 99'));
    socket.write(`PRIVMSG ${spec.botChannel} :&hundred\r\n`);
    const [a, b] = await Promise.all([first, last]);
    bursts.push(b - a);
    await pause(200); // let the bot's token bucket refill
  }
  socket.write('QUIT :bench over\r\n');
  socket.end();
  return { rounds, bursts };
}

main(JSON.parse(process.argv[2] ?? '{}') as TimingSpec).then(
  (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
