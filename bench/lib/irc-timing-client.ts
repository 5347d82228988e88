// The user of the reply-latency bench, in a process of its own (as a real user is on another
// machine): a raw IRC client that says `&echo N` to the bot and `!echo N` to the bare echo bot,
// interleaved, and times each answer. In the bench's own process its timestamps would also count
// whatever either bot does after writing its answer (bookkeeping a user never waits for), since
// one event loop would run both. Prints one JSON line with the times (ms) and exits.
//   node irc-timing-client.mjs '{"host":"127.0.0.1","port":6667,...}'
import net from 'node:net';
import { interleavedRounds, pause, type Schedule, type ScheduleSpec, type Side } from './interleaved-rounds';

export interface TimingSpec extends ScheduleSpec {
  host: string;
  port: number;
  nick: string;
  /** The bot's channel and the bare echo bot's. */
  botChannel: string;
  bareChannel: string;
  /** Bursts of 100 answers to time (`&hundred`). */
  bursts: number;
}

export interface TimingResult extends Schedule {
  /** First to last line of each 100-line burst (ms). */
  bursts: number[];
}

interface Waiter {
  match: (line: string) => boolean;
  resolve: (at: number) => void;
}

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
  const trip = async (who: Side, pauseMs: number): Promise<number> => {
    const token = `t${n++}`;
    const [channel, text] =
      who === 'bot' ? [spec.botChannel, `&echo ${token}`] : [spec.bareChannel, `!echo ${token}`];
    const arrived = expect((l) => l.startsWith(`:${who}!`) && l.endsWith(` :${token}`));
    const sent = performance.now();
    socket.write(`PRIVMSG ${channel} :${text}\r\n`);
    const ms = (await arrived) - sent;
    if (pauseMs > 0) await pause(pauseMs);
    return ms;
  };
  const { early, rounds } = await interleavedRounds(spec, trip);

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
  return { early, rounds, bursts };
}

main(JSON.parse(process.argv[2] ?? '{}') as TimingSpec).then(
  (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
