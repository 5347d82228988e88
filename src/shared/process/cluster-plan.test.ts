import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shardOfGuild } from './cluster';
import { clusterOfShard, planClusters } from './cluster-plan';

describe('planClusters', () => {
  it('4 shards, 2 per cluster: two clusters of contiguous shards', () => {
    expect(planClusters(4, 2)).toEqual([
      { clusterId: 0, clusterCount: 2, shardIds: [0, 1], shardCount: 4 },
      { clusterId: 1, clusterCount: 2, shardIds: [2, 3], shardCount: 4 },
    ]);
  });

  it('covers every shard once, contiguous, balanced, none empty, at most shardsPerCluster each', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 64 }), (shards, per) => {
        const plan = planClusters(shards, per);
        expect(plan).toHaveLength(Math.ceil(shards / per));
        expect(plan.flatMap((c) => c.shardIds)).toEqual([...Array(shards).keys()]);
        const sizes = plan.map((c) => c.shardIds.length);
        expect(Math.min(...sizes)).toBeGreaterThan(0);
        expect(Math.max(...sizes)).toBeLessThanOrEqual(per);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        for (const c of plan)
          for (const s of c.shardIds) expect(clusterOfShard(s, shards, plan.length)).toBe(c.clusterId);
      }),
    );
  });

  it('refuses nonsense counts', () => {
    expect(() => planClusters(0, 2)).toThrow(RangeError);
    expect(() => planClusters(4, 0)).toThrow(RangeError);
    expect(() => planClusters(2.5, 1)).toThrow(RangeError);
  });

  it('a guild id maps to the shard Discord routes it to', () => {
    // (id >> 22) % shards: 4194304 is 1 << 22
    expect(shardOfGuild(String(4194304 * 7), 4)).toBe(3);
    expect(shardOfGuild('81384788765712384', 1)).toBe(0);
  });
});
