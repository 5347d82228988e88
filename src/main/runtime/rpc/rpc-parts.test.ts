import { describe, expect, it } from 'vitest';
import { ConnectionRateLimit } from './rate-limit';
import { RpcRegistry, splitRpcName } from './rpc-registry';
import { RpcStats } from './rpc-stats';
import { decodeFrames } from './wire';

describe('ConnectionRateLimit', () => {
  it('allows a burst, then refills at the rate, per connection', () => {
    let now = 0;
    const limit = new ConnectionRateLimit(3, 2, 100, () => now);
    expect([1, 2, 3, 4].map(() => limit.take('a'))).toEqual([true, true, true, false]);
    expect(limit.take('b')).toBe(true);
    now = 499;
    expect(limit.take('a')).toBe(false);
    now = 500; // one token back after 0.5 s at 2/s
    expect(limit.take('a')).toBe(true);
    expect(limit.take('a')).toBe(false);
  });

  it('tracks a bounded number of connections', () => {
    let now = 0;
    const limit = new ConnectionRateLimit(1, 1, 10, () => now);
    for (let i = 0; i < 1000; i++) {
      limit.take(`c${i}`);
      now += 1;
    }
    expect(limit.size).toBeLessThanOrEqual(10);
  });
});

describe('RpcStats', () => {
  it('averages requests over the full seconds of a 10 s window and keeps the last 20 errors', () => {
    let now = 1_000_000;
    const stats = new RpcStats(() => now);
    for (let s = 0; s < 9; s++) {
      for (let i = 0; i < 10; i++) stats.countRequest();
      now += 1000;
    }
    for (let i = 0; i < 500; i++) stats.countRequest(); // the current, partial second is not counted
    expect(stats.requestsPerSecond).toBe(10);
    now += 20_000;
    expect(stats.requestsPerSecond).toBe(0);
    expect(stats.total).toBe(590);
    for (let i = 0; i < 25; i++)
      stats.recordError({ status: 400, message: `e${i}`, target: null, errorId: null });
    expect(stats.lastErrors.map((e) => e.message)).toEqual(Array.from({ length: 20 }, (_, i) => `e${i + 5}`));
  });
});

describe('RPC names', () => {
  it('are cog.method with safe parts', () => {
    expect(splitRpcName('ZMQExample.say_hello')).toEqual({ cog: 'ZMQExample', method: 'say_hello' });
    for (const bad of [
      'ping',
      '.ping',
      'cog.',
      'a b.c',
      'cog.me thod',
      `${'x'.repeat(65)}.m`,
      'a.b.c',
      '1cog.m',
    ])
      expect(() => splitRpcName(bad), bad).toThrow(/invalid RPC name/);
  });

  it('the registry refuses duplicates and the reserved cog for command files', () => {
    const registry = new RpcRegistry();
    const release = registry.register('a.b', () => 'x');
    expect(() => registry.register('a.b', () => 'y')).toThrow('RPC method "a.b" is already registered');
    expect(() => registry.register('core.x', () => 'y')).toThrow('reserved');
    expect(registry.hasCog('a')).toBe(true);
    release();
    expect(registry.hasCog('a')).toBe(false);
    expect(registry.methods()).toEqual([]);
  });
});

describe('decodeFrames', () => {
  const body = Buffer.from(JSON.stringify({ requester: 'r', cog: 'c', method: 'm', id: 1, kwargs: {} }));
  it('accepts REQ framing (empty delimiter) and bare DEALER framing', () => {
    expect(decodeFrames([Buffer.alloc(0), body], 1000)).toMatchObject({
      ok: true,
      envelope: { delimiter: true },
    });
    expect(decodeFrames([body], 1000)).toMatchObject({ ok: true, envelope: { delimiter: false } });
  });
  it('defaults kwargs and answers each bad shape with 400 or 413', () => {
    const noKwargs = Buffer.from(JSON.stringify({ requester: 'r', cog: 'c', method: 'm', id: 'x' }));
    expect(decodeFrames([noKwargs], 1000)).toMatchObject({ ok: true, request: { kwargs: {} } });
    expect(decodeFrames([body], 10)).toMatchObject({ ok: false, response: { status: 413 } });
    expect(decodeFrames([Buffer.from([0xc3, 0x28])], 10)).toMatchObject({
      ok: false,
      response: { status: 400, message: 'request is not valid UTF-8' },
    });
    expect(decodeFrames([body, body], 1000)).toMatchObject({
      ok: false,
      response: { status: 400, message: 'expected one JSON frame, got 2 frames' },
    });
  });
});
