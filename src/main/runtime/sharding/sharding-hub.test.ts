import { describe, expect, it } from 'vitest';
import { ClustersUnavailable } from '../cmdsys/api/shards';
import { ShardingHub, type ShardingLink } from './sharding-hub';

function hub(link?: (sent: { id: number; source: string; context: unknown; timeoutMs: number }) => void) {
  const h = new ShardingHub({
    assignment: { clusterId: 1, clusterCount: 2, shardIds: [2, 3], shardCount: 4 },
    guilds: () => 7,
    clients: () => new Map(),
  });
  if (link) {
    const l: ShardingLink = {
      broadcast: (id, source, context, timeoutMs) => link({ id, source, context, timeoutMs }),
      reshardNeeded: () => undefined,
    };
    h.attach(l);
  }
  return h;
}

describe('ShardingHub: this.env.shards', () => {
  it('refuses what cannot travel, before anything is sent', async () => {
    const sent: unknown[] = [];
    const { api } = hub((m) => sent.push(m));
    const shorthand = {
      f() {
        return 1;
      },
    };
    await expect(api.broadcastEval('x' as never)).rejects.toThrow(TypeError);
    await expect(api.broadcastEval(shorthand.f)).rejects.toThrow(/self-contained arrow or function/);
    await expect(api.broadcastEval(Math.max as never)).rejects.toThrow(/self-contained/);
    await expect(api.broadcastEval(() => 1, { n: 1n } as never)).rejects.toThrow(/context must be JSON/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(api.broadcastEval(() => 1, cyclic)).rejects.toThrow(/context must be JSON/);
    await expect(api.broadcastEval(() => 1, undefined, { timeoutMs: 0 })).rejects.toThrow(RangeError);
    await expect(api.broadcastEval(() => 1, undefined, { timeoutMs: 1.5 })).rejects.toThrow(RangeError);
    expect(sent).toEqual([]);
  });

  it('sends the source and JSON context up, resolves with what the supervisor gathered', async () => {
    const sent: { id: number; source: string; context: unknown; timeoutMs: number }[] = [];
    const h = hub((m) => sent.push(m));
    const answer = h.api.broadcastEval((c, ctx: { k: number }) => c.guilds + ctx.k, { k: 2 });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.context).toEqual({ k: 2 });
    expect(sent[0]!.timeoutMs).toBe(5_000);
    // the source compiles and runs here the same way it will in every cluster
    expect(await h.evaluate(sent[0]!.source, sent[0]!.context, 1000)).toEqual({
      clusterId: 1,
      ok: true,
      value: 9,
    });
    h.resolveBroadcast(sent[0]!.id, [
      { clusterId: 0, ok: true, value: 3 },
      { clusterId: 1, ok: true, value: 9 },
    ]);
    expect(await answer).toEqual([
      { clusterId: 0, ok: true, value: 3 },
      { clusterId: 1, ok: true, value: 9 },
    ]);
  });

  it('guildCount sums, and rejects naming the clusters that could not answer', async () => {
    const sent: { id: number }[] = [];
    const h = hub((m) => sent.push(m));
    const total = h.api.guildCount();
    h.resolveBroadcast(sent[0]!.id, [
      { clusterId: 0, ok: true, value: 5 },
      { clusterId: 1, ok: true, value: 7 },
    ]);
    expect(await total).toBe(12);
    const partial = h.api.guildCount();
    h.resolveBroadcast(sent[1]!.id, [
      { clusterId: 0, ok: true, value: 5 },
      { clusterId: 1, ok: false, error: 'cluster 1 is restarting' },
    ]);
    await expect(partial).rejects.toThrow(ClustersUnavailable);
    await expect(partial).rejects.toThrow(/cluster 1 \(cluster 1 is restarting\)/);
  });

  it('evaluation errors are values: throw, rejection, non-JSON result, time limit', async () => {
    const h = hub();
    expect(await h.evaluate('() => { throw new RangeError("no") }', null, 1000)).toEqual({
      clusterId: 1,
      ok: false,
      error: 'RangeError: no',
    });
    expect(await h.evaluate('async () => Promise.reject(new Error("later"))', null, 1000)).toMatchObject({
      ok: false,
      error: 'Error: later',
    });
    expect(await h.evaluate('() => 10n', null, 1000)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/must be JSON/),
    });
    expect(await h.evaluate('() => new Promise(() => {})', null, 20)).toMatchObject({
      ok: false,
      error: 'Error: no answer within 20 ms',
    });
    expect(await h.evaluate('not a function at all {', null, 1000)).toMatchObject({ ok: false });
    expect(await h.evaluate('() => undefined', null, 1000)).toEqual({ clusterId: 1, ok: true, value: null });
  });

  it('without a supervisor it is a one-cluster bot: evaluates here', async () => {
    const h = hub();
    expect(await h.api.broadcastEval((c) => c.shardIds)).toEqual([{ clusterId: 1, ok: true, value: [2, 3] }]);
    expect(h.requestReshard(8, 'x')).toBe(false);
  });

  it('shardOfGuild and clusterOfGuild; a malformed id is a TypeError', () => {
    const { api } = hub();
    expect(api.shardOfGuild(String(4194304 * 6))).toBe(2);
    expect(api.clusterOfGuild(String(4194304 * 6))).toBe(1);
    expect(api.clusterOfGuild(String(4194304 * 1))).toBe(0);
    expect(() => api.shardOfGuild('abc')).toThrow(TypeError);
    expect(() => api.shardOfGuild('1'.repeat(30))).toThrow(TypeError);
  });

  it('dispose answers pending broadcasts instead of leaving them hanging', async () => {
    const h = hub(() => undefined);
    const pending = h.api.broadcastEval(() => 1);
    h.dispose();
    expect(await pending).toEqual([{ clusterId: 1, ok: false, error: 'the runtime is stopping' }]);
  });
});
