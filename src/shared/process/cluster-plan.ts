import type { ClusterAssignment } from './cluster';

/**
 * Splits `shardCount` shards into `ceil(shardCount / shardsPerCluster)` clusters of contiguous
 * shard ids, balanced (sizes differ by at most one, none empty): shard s goes to cluster
 * `floor(s * clusters / shardCount)`.
 */
export function planClusters(shardCount: number, shardsPerCluster: number): ClusterAssignment[] {
  if (!Number.isInteger(shardCount) || shardCount < 1) throw new RangeError(`bad shard count ${shardCount}`);
  if (!Number.isInteger(shardsPerCluster) || shardsPerCluster < 1)
    throw new RangeError(`bad shards per cluster ${shardsPerCluster}`);
  const clusterCount = Math.ceil(shardCount / shardsPerCluster);
  const clusters: ClusterAssignment[] = Array.from({ length: clusterCount }, (_, clusterId) => ({
    clusterId,
    clusterCount,
    shardIds: [],
    shardCount,
  }));
  for (let shard = 0; shard < shardCount; shard++)
    clusters[clusterOfShard(shard, shardCount, clusterCount)]!.shardIds.push(shard);
  return clusters;
}

/** The cluster holding a shard in a plan made by `planClusters`. */
export function clusterOfShard(shardId: number, shardCount: number, clusterCount: number): number {
  return Math.floor((shardId * clusterCount) / shardCount);
}
