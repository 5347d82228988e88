// rpc: round trips through the loopback RPC server (token check, routing, a trivial handler)
// against a raw zeromq ROUTER that echoes, measured in the same run with the same DEALER
// clients and payload: 1 client (sequential round trips) and 16 clients at once, in alternating
// rounds.
import pino from 'pino';
import * as zmq from 'zeromq';
import { withConverters } from '../src/main/runtime/rpc/converters';
import { createLookups } from '../src/main/runtime/rpc/lookups';
import { RpcRegistry } from '../src/main/runtime/rpc/rpc-registry';
import { RpcServer } from '../src/main/runtime/rpc/rpc-server';
import { report } from './lib/report';

const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 3_000);
const WARMUP_MS = Math.min(1_000, DURATION_MS / 3);
const ROUNDS = 4;
const TOKEN = 'bench-token-0123456789abcdefghijklmnopqrstuvwxyz';
const PAYLOAD = JSON.stringify({
  requester: 'bench',
  cog: 'bench',
  method: 'ping',
  id: 1,
  kwargs: {},
  token: TOKEN,
});

/** A ROUTER that sends every message straight back: the floor any server on zeromq can reach. */
async function rawEcho(): Promise<{ endpoint: string; close(): void }> {
  const sock = new zmq.Router({ linger: 0, sendHighWaterMark: 10_000, receiveHighWaterMark: 10_000 });
  await sock.bind('tcp://127.0.0.1:*');
  // the same shape as the server: receiving never waits for a send (zeromq allows one at a time)
  const outbox: Buffer[][] = [];
  let sending = false;
  const pump = async (): Promise<void> => {
    sending = true;
    for (let frames = outbox.shift(); frames; frames = outbox.shift()) await sock.send(frames);
    sending = false;
  };
  void (async () => {
    try {
      for await (const frames of sock) {
        outbox.push(frames);
        if (!sending) void pump().catch(() => undefined);
      }
    } catch {
      // closed
    }
  })();
  return { endpoint: sock.lastEndpoint!, close: () => sock.close() };
}

async function rpcServer(): Promise<{ endpoint: string; close(): Promise<void> }> {
  const registry = new RpcRegistry();
  registry.register(
    'bench.ping',
    withConverters({}, () => 'pong'),
  );
  const server = await RpcServer.start({
    host: '127.0.0.1',
    port: 0,
    auth: true,
    token: () => TOKEN,
    maxRequestBytes: 64 * 1024,
    handlerTimeoutMs: 10_000,
    rateLimit: { burst: 1e6, perSecond: 1e6 },
    registry,
    lookups: createLookups(() => []),
    logger: pino({ level: 'silent' }),
  });
  return { endpoint: server.endpoint, close: () => server.close(0) };
}

interface Run {
  perSecond: number;
  p50: number;
  p99: number;
}

interface Sample {
  latencies: number[];
  elapsedMs: number;
}

/** `clients` DEALERs, each doing sequential round trips for `ms`; latencies of every trip. */
async function sample(
  endpoint: string,
  clients: number,
  ms: number,
  check: (reply: Buffer) => void,
): Promise<Sample> {
  const socks = Array.from({ length: clients }, () => {
    const s = new zmq.Dealer({ linger: 0 });
    s.connect(endpoint);
    return s;
  });
  // connect (and one round trip each) before the clock starts
  await Promise.all(
    socks.map(async (s) => {
      await s.send(PAYLOAD);
      await s.receive();
    }),
  );
  const latencies: number[] = [];
  const started = performance.now();
  const until = started + ms;
  await Promise.all(
    socks.map(async (s) => {
      while (performance.now() < until) {
        const t0 = performance.now();
        await s.send(PAYLOAD);
        const [reply] = await s.receive();
        latencies.push(performance.now() - t0);
        check(reply!);
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  for (const s of socks) s.close();
  return { latencies, elapsedMs };
}

function summary(samples: Sample[]): Run {
  const latencies = samples.flatMap((s) => s.latencies).sort((a, b) => a - b);
  const elapsed = samples.reduce((sum, s) => sum + s.elapsedMs, 0);
  const at = (q: number): number =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { perSecond: latencies.length / (elapsed / 1000), p50: at(0.5), p99: at(0.99) };
}

const checkRaw = (reply: Buffer): void => {
  if (reply.length !== PAYLOAD.length) throw new Error('raw echo answered something else');
};
const checkRpc = (reply: Buffer): void => {
  if (!reply.includes('"status":200')) throw new Error(`RPC answered ${reply.toString()}`);
};

const raw = await rawEcho();
const rpc = await rpcServer();
const results: Record<string, Run> = {};
for (const clients of [1, 16]) {
  await sample(raw.endpoint, clients, WARMUP_MS, checkRaw);
  await sample(rpc.endpoint, clients, WARMUP_MS, checkRpc);
  // short alternating rounds, so a change in the (shared) machine's load hits both sides alike
  const rawSamples: Sample[] = [];
  const rpcSamples: Sample[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    rawSamples.push(await sample(raw.endpoint, clients, DURATION_MS / ROUNDS, checkRaw));
    rpcSamples.push(await sample(rpc.endpoint, clients, DURATION_MS / ROUNDS, checkRpc));
  }
  results[`raw${clients}`] = summary(rawSamples);
  results[`rpc${clients}`] = summary(rpcSamples);
}
raw.close();
await rpc.close();

const r = (k: string): Run => results[k]!;
report(
  'rpc',
  {
    ratio_to_raw: { value: r('rpc1').perSecond / r('raw1').perSecond, unit: 'ratio' },
    p99_ms: { value: r('rpc1').p99, unit: 'ms' },
    p50_ms: { value: r('rpc1').p50, unit: 'ms' },
    rpc_round_trips_per_s: { value: r('rpc1').perSecond, unit: 'ops/s' },
    raw_round_trips_per_s: { value: r('raw1').perSecond, unit: 'ops/s' },
    raw_p99_ms: { value: r('raw1').p99, unit: 'ms' },
    ratio_to_raw_16: { value: r('rpc16').perSecond / r('raw16').perSecond, unit: 'ratio' },
    p99_ms_16: { value: r('rpc16').p99, unit: 'ms' },
    p50_ms_16: { value: r('rpc16').p50, unit: 'ms' },
    raw_p99_ms_16: { value: r('raw16').p99, unit: 'ms' },
    rpc_round_trips_per_s_16: { value: r('rpc16').perSecond, unit: 'ops/s' },
    raw_round_trips_per_s_16: { value: r('raw16').perSecond, unit: 'ops/s' },
  },
  {
    ratio_to_raw: 'goal ≥ 0.5 (1 client, round trips/s through the server vs raw ROUTER echo)',
    p99_ms: 'goal < 2 ms (1 client)',
  },
);
