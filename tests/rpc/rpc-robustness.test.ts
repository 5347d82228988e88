// Hostile and busy clients: thousands of malformed frames, many clients at once, the Node client.
import fc from 'fast-check';
import * as zmq from 'zeromq';
import { describe, expect, it } from 'vitest';
import { RpcClient, RpcError, RpcTimeout } from '../../src/rpc-client';
import { commandFile, useHarnesses, waitFor } from '../support/cmdsys-harness';
import { endpointOf, RawDealer, reqCall, rpcOverrides } from './support';

const start = useHarnesses();

const ECHO = commandFile(
  `export class Echo extends Command {
  setup() {
    this.name = 'echo-rpc';
    this.rpcHandler('echo', { value: StringConverter }, ({ value }) => ({ value }));
    this.rpcHandler('delayed', { value: StringConverter, ms: IntConverter }, async ({ value, ms }) => {
      await new Promise((r) => setTimeout(r, ms));
      return value;
    });
  }
}`,
  'Command, StringConverter, IntConverter',
);

async function echoServer(extra: Record<string, unknown> = {}) {
  const h = await start({
    files: { 'echo.ts': ECHO },
    configOverrides: rpcOverrides({ 'rpc.rateLimit': { burst: 1_000_000, perSecond: 1_000_000 }, ...extra }),
  });
  return { h, ...(await endpointOf(h)) };
}

describe('10k malformed frames', () => {
  it('each gets the right status, nothing crashes, and the server keeps answering', async () => {
    const LIMIT = 4096;
    const { h, endpoint, token } = await echoServer({ 'rpc.maxRequestBytes': LIMIT });
    const valid = { requester: 'fuzz', cog: 'echo', method: 'echo', id: 1, kwargs: { value: 'v' }, token };
    const cases: { frames: Buffer[]; status: number }[] = [];
    const add = (frames: (Buffer | string)[], status: number): void =>
      void cases.push({ frames: frames.map((f) => (typeof f === 'string' ? Buffer.from(f) : f)), status });

    // bad JSON: truncated and mangled requests
    const text = JSON.stringify(valid);
    for (let i = 0; i < 1500; i++) add([text.slice(0, i % (text.length - 1))], 400);
    for (const s of fc.sample(fc.string({ maxLength: 200 }), { numRuns: 1400, seed: 1 })) add([`{${s}`], 400);
    // well-formed JSON that is not a request object (arrays, scalars, random objects)
    for (const v of fc.sample(fc.jsonValue({ maxDepth: 3 }), { numRuns: 1500, seed: 2 }))
      add([JSON.stringify(v) ?? 'null'], 400);
    // wrong field types
    const wrong = fc.oneof(
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.integer()),
      fc.object(),
    );
    const fields = ['requester', 'cog', 'method', 'kwargs', 'token'] as const;
    fc.sample(fc.tuple(fc.constantFrom(...fields), wrong), { numRuns: 1500, seed: 3 }).forEach(
      ([field, value]) => {
        // null kwargs / token are wrong types too; an object for requester/cog/method as well
        add([JSON.stringify({ ...valid, [field]: value })], 400);
      },
    );
    for (const v of fc.sample(fc.oneof(fc.boolean(), fc.object(), fc.array(fc.string())), {
      numRuns: 300,
      seed: 4,
    }))
      add([JSON.stringify({ ...valid, id: v })], 400);
    // binary garbage (invalid UTF-8 or not JSON)
    for (const bytes of fc.sample(fc.uint8Array({ minLength: 1, maxLength: 300 }), {
      numRuns: 1500,
      seed: 5,
    }))
      add([Buffer.concat([Buffer.from([0xff]), Buffer.from(bytes)])], 400);
    // huge: over the limit (zeromq's own hard cap is 4x the limit)
    for (let i = 0; i < 200; i++)
      add([JSON.stringify({ ...valid, kwargs: { value: 'x'.repeat(LIMIT + i) } })], 413);
    // multipart oddities
    for (let i = 0; i < 300; i++) {
      add([Buffer.alloc(0)], 400);
      add([Buffer.alloc(0), Buffer.alloc(0)], 400);
      add([text, text], 400);
      add([Buffer.alloc(0), text, text], 400);
    }
    // missing or wrong token
    const { token: _omit, ...noToken } = valid;
    for (let i = 0; i < 500; i++) add([JSON.stringify({ ...noToken, id: i })], 401);
    for (let i = 0; i < 300; i++) add([JSON.stringify({ ...valid, token: `x${i}` })], 401);
    // valid requests sprinkled in
    for (let i = 0; i < 100; i++) add([JSON.stringify({ ...valid, id: `ok-${i}` })], 200);
    expect(cases.length).toBeGreaterThanOrEqual(10_000);

    // one dealer sends everything in order; answers come back in the same order
    const dealer = new RawDealer(endpoint);
    try {
      for (const c of cases) await dealer.send(c.frames);
      await waitFor(`${cases.length} answers`, () => dealer.replies.length >= cases.length, 30_000);
      const statuses = dealer.parsed().map((r) => r.status);
      const mismatches = cases
        .map((c, i) => ({
          i,
          want: c.status,
          got: statuses[i],
          frames: c.frames.map((f) => f.toString('latin1').slice(0, 80)),
        }))
        .filter((m) => m.want !== m.got);
      expect(mismatches.slice(0, 5)).toEqual([]);
      // a delimiter frame sent is a delimiter frame answered (what REQ sockets need)
      const withDelimiter = cases.findIndex((c) => c.frames.length === 2 && c.frames[0]!.length === 0);
      expect(dealer.replies[withDelimiter]![0]!.length).toBe(0);
    } finally {
      await dealer.close();
    }

    // far over the hard cap: zeromq drops the connection; the server does not notice
    const giant = new RawDealer(endpoint);
    await giant.send([Buffer.alloc(LIMIT * 8, 0x61)]);
    await giant.close();

    expect(await reqCall(endpoint, { ...valid, id: 'after' })).toEqual({
      id: 'after',
      status: 200,
      message: 'OK',
      data: { value: 'v' },
    });
    expect(h.logs('error').filter((e) => e.name === 'rpc')).toEqual([]);
    expect(h.bot.rpcService.status().lastErrors.length).toBeGreaterThan(0);
  }, 60_000);
});

describe('many clients at once', () => {
  it('50 concurrent REQ clients each get their own answer', async () => {
    const { endpoint, token } = await echoServer();
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        reqCall(endpoint, {
          requester: `client-${i}`,
          cog: 'echo',
          method: 'delayed',
          id: i,
          kwargs: { value: `value-${i}`, ms: (i * 7) % 30 },
          token,
        }),
      ),
    );
    replies.forEach((reply, i) => expect(reply).toEqual({ id: i, status: 200, message: `value-${i}` }));
  });

  it('50 clients × 20 calls in flight on DEALER sockets: answers routed and matched by id', async () => {
    const { h, endpoint, token } = await echoServer();
    const clients = Array.from({ length: 50 }, (_, c) =>
      RpcClient.connect({ endpoint, token, requester: `c${c}` }),
    );
    try {
      const results = await Promise.all(
        clients.map((client, c) =>
          Promise.all(
            Array.from({ length: 20 }, (_, k) =>
              client.request<string>('echo', 'delayed', { value: `${c}:${k}`, ms: (c + k) % 10 }),
            ),
          ),
        ),
      );
      results.forEach((answers, c) =>
        expect(answers).toEqual(Array.from({ length: 20 }, (_, k) => `${c}:${k}`)),
      );
      await waitFor('connections to show', () => h.bot.rpcService.status().connectedClients >= 50);
    } finally {
      clients.forEach((client) => client.close());
    }
  });
});

describe('the Node client', () => {
  it('request() resolves data or message and throws RpcError with the status otherwise', async () => {
    const { endpoint, token } = await echoServer();
    const client = RpcClient.connect({ endpoint, token });
    try {
      expect(await client.request('core', 'ping')).toBe('pong');
      expect(await client.request('echo', 'echo', { value: 'x' })).toEqual({ value: 'x' });
      const err = await client.request('echo', 'nope').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RpcError);
      expect((err as RpcError).status).toBe(404);
      expect(await client.call('echo', 'echo', { value: 5 })).toMatchObject({ status: 400 });
    } finally {
      client.close();
    }
    const anonymous = RpcClient.connect({ endpoint });
    try {
      expect(await anonymous.call('core', 'ping')).toMatchObject({ status: 401 });
    } finally {
      anonymous.close();
    }
  });

  it('times out when nobody answers, and close() rejects what is still waiting', async () => {
    const probe = new zmq.Router();
    await probe.bind('tcp://127.0.0.1:*'); // accepts but never answers
    try {
      const client = RpcClient.connect({ endpoint: probe.lastEndpoint!, timeoutMs: 150 });
      await expect(client.request('core', 'ping')).rejects.toBeInstanceOf(RpcTimeout);
      const waiting = RpcClient.connect({ endpoint: probe.lastEndpoint!, timeoutMs: 10_000 });
      const pending = waiting.request('core', 'ping');
      waiting.close();
      await expect(pending).rejects.toThrow('the RPC client was closed');
      client.close();
    } finally {
      probe.close();
    }
  });
});
