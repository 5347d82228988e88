import * as zmq from 'zeromq';
import type { CmdHarness, HarnessOptions } from '../support/cmdsys-harness';

export interface Reply {
  id: string | number | null;
  status: number;
  message: string;
  data?: unknown;
}

/** Config overrides that enable the server on a free port, with test-friendly limits. */
export function rpcOverrides(extra: Record<string, unknown> = {}): HarnessOptions['configOverrides'] {
  return { 'rpc.enabled': true, 'rpc.port': 0, ...extra } as HarnessOptions['configOverrides'];
}

export async function endpointOf(h: CmdHarness): Promise<{ endpoint: string; token: string }> {
  const status = h.bot.rpcService.status();
  if (!status.endpoint) throw new Error(`RPC server not running: ${status.problem ?? 'disabled'}`);
  const { token } = await h.bot.rpcService.tokenInfo();
  return { endpoint: status.endpoint, token: token ?? '' };
}

/** One request through a fresh REQ socket (as the seed's example does); never waits forever. */
export async function reqCall(endpoint: string, body: unknown, timeoutMs = 5_000): Promise<Reply> {
  const sock = new zmq.Request({ linger: 0, receiveTimeout: timeoutMs, sendTimeout: timeoutMs });
  try {
    sock.connect(endpoint);
    await sock.send(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
    const [reply] = await sock.receive();
    return JSON.parse(reply!.toString('utf8')) as Reply;
  } finally {
    sock.close();
  }
}

/** A DEALER that sends raw multipart messages and collects whatever comes back. */
export class RawDealer {
  readonly sock = new zmq.Dealer({ linger: 0, receiveTimeout: 5_000, sendHighWaterMark: 100_000 });
  readonly replies: Buffer[][] = [];
  private readonly loop: Promise<void>;

  constructor(endpoint: string) {
    this.sock.connect(endpoint);
    this.loop = (async () => {
      try {
        for await (const frames of this.sock) this.replies.push(frames);
      } catch {
        // closed or timed out
      }
    })();
  }

  send(frames: (Buffer | string)[]): Promise<void> {
    return this.sock.send(frames);
  }

  /** The JSON of every reply's last frame. */
  parsed(): Reply[] {
    return this.replies.map((frames) => JSON.parse(frames[frames.length - 1]!.toString('utf8')) as Reply);
  }

  async close(): Promise<void> {
    this.sock.close();
    await this.loop;
  }
}

/** A discord.js-shaped native client, so the converters' Discord lookups have something to find. */
export function fakeDiscordNative(users: { id: string; username: string }[]): unknown {
  return {
    users: {
      fetch: async (id: string) => {
        const user = users.find((u) => u.id === id);
        if (!user) throw new Error('Unknown User');
        return { ...user, globalName: null };
      },
    },
    guilds: {
      cache: { get: (id: string) => (id === '900000000000000001' ? { id, name: 'Test Guild' } : undefined) },
    },
    channels: {
      fetch: async (id: string) => (id === '900000000000000002' ? { id, name: 'general' } : null),
    },
  };
}
