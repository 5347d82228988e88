import type { ClusterAssignment } from '../../../../../shared/process/cluster';

/** The shards one discord.js client runs. */
export interface ShardPlan {
  shardIds: number[];
  shardCount: number;
  /** Where the plan came from, for the log and the status. */
  source: 'config' | 'auto' | 'cluster' | 'reshard';
}

/** A cluster assignment that cannot be run (retrying cannot help). */
export class ShardPlanError extends Error {
  override name = 'ShardPlanError';
}

/** Every shard of a `shardCount`-shard bot (a runtime without a supervisor holds them all). */
export function allShards(shardCount: number, source: ShardPlan['source']): ShardPlan {
  return { shardIds: Array.from({ length: shardCount }, (_, i) => i), shardCount, source };
}

/** The plan for a cluster assignment, checked (the ids must lie in 0..shardCount-1, no repeats). */
export function clusterPlan(cluster: ClusterAssignment): ShardPlan {
  const { shardIds, shardCount } = cluster;
  if (!Number.isInteger(shardCount) || shardCount < 1)
    throw new ShardPlanError(`invalid shard count ${shardCount}`);
  if (shardIds.length === 0) throw new ShardPlanError(`cluster ${cluster.clusterId} holds no shards`);
  const bad = shardIds.filter((id) => !Number.isInteger(id) || id < 0 || id >= shardCount);
  if (bad.length)
    throw new ShardPlanError(
      `cluster ${cluster.clusterId}: shard ids ${bad.join(', ')} are outside 0..${shardCount - 1}`,
    );
  if (new Set(shardIds).size !== shardIds.length)
    throw new ShardPlanError(`cluster ${cluster.clusterId}: repeated shard ids`);
  return { shardIds: [...shardIds].sort((a, b) => a - b), shardCount, source: 'cluster' };
}

/**
 * The shard count to use after Discord closed a shard with 4011 (too many guilds): Discord's new
 * recommendation, but always more than now, so a stale recommendation cannot loop.
 */
export function reshardCount(current: number, recommended: number): number {
  return recommended > current ? recommended : current * 2;
}
