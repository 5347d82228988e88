/**
 * Which shards one runtime process (a cluster) holds. The supervisor decides it and passes it in the
 * launch input; a runtime without one holds every shard of a one-shard bot (the default).
 */
export interface ClusterAssignment {
  /** 0-based cluster index; cluster 0 also runs the console, IRC and RPC. */
  clusterId: number;
  clusterCount: number;
  /** The shard ids this cluster connects (a subset of 0..shardCount-1). */
  shardIds: number[];
  /** Total shards of the bot (for `guild_id >> 22 % shardCount`). */
  shardCount: number;
}

/** The shard a guild belongs to, as Discord routes it. */
export function shardOfGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}
