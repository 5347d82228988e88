import { describe, expect, it } from 'vitest';
import { allShards, clusterPlan, reshardCount } from './shard-plan';

describe('shard plans', () => {
  it('runs every shard when alone', () => {
    expect(allShards(3, 'config')).toEqual({ shardIds: [0, 1, 2], shardCount: 3, source: 'config' });
  });

  it('takes a cluster assignment, sorted, and refuses a broken one with the reason', () => {
    const cluster = { clusterId: 1, clusterCount: 2, shardIds: [3, 2], shardCount: 4 };
    expect(clusterPlan(cluster)).toEqual({ shardIds: [2, 3], shardCount: 4, source: 'cluster' });
    expect(() => clusterPlan({ ...cluster, shardIds: [] })).toThrow(/holds no shards/);
    expect(() => clusterPlan({ ...cluster, shardIds: [1, 4] })).toThrow(/shard ids 4 are outside 0\.\.3/);
    expect(() => clusterPlan({ ...cluster, shardIds: [1, 1] })).toThrow(/repeated shard ids/);
    expect(() => clusterPlan({ ...cluster, shardCount: 0 })).toThrow(/invalid shard count/);
  });

  it('after 4011 always grows: the recommendation, or double when it is stale', () => {
    expect(reshardCount(1, 4)).toBe(4);
    expect(reshardCount(4, 4)).toBe(8);
    expect(reshardCount(4, 2)).toBe(8);
  });
});
