import type { Config } from '../../../../../shared/config/schema';
import type { ClusterAssignment } from '../../../../../shared/process/cluster';
import { fetchRecommendedShards } from './recommended-shards';
import { allShards, clusterPlan, reshardCount, type ShardPlan } from './shard-plan';

/** What to do after a 4011 close. */
export interface ReshardDecision {
  /** The shard count to run next. */
  to: number;
  /** Discord's recommendation (null when it could not be asked). */
  recommended: number | null;
  /** A supervisor owns the shard split: only report, it restarts the clusters. */
  supervised: boolean;
  /** For the log and the adapter status. */
  message: string;
}

/**
 * Remembers the shard count a 4011 close asked for. Under a supervisor (a cluster assignment)
 * the count is the supervisor's to change; alone, the adapter runs every shard of the new count.
 */
export class Resharder {
  /** Set by a 4011 close until the adapter (or the supervisor) runs the new count. */
  needed: { from: number; to: number; at: number } | null = null;
  /** The count this process re-sharded itself to (alone only). */
  private ownCount: number | null = null;

  constructor(readonly cluster: ClusterAssignment | null) {}

  async decide(
    from: number,
    api: string | null,
    token: string,
    onError: (err: unknown) => void,
  ): Promise<ReshardDecision> {
    let recommended: number | null = null;
    try {
      recommended = (await fetchRecommendedShards(api, token)).shards;
    } catch (err) {
      onError(err);
    }
    const to = reshardCount(from, recommended ?? from);
    const supervised = this.cluster !== null;
    this.needed = { from, to, at: Date.now() };
    if (!supervised) this.ownCount = to;
    const cause =
      `Discord closed the gateway with 4011 (sharding required): too many servers for ${from} shard(s)` +
      (recommended !== null ? `; it recommends ${recommended}.` : '.');
    const message = supervised
      ? `${cause} Waiting for the supervisor to restart the clusters with ${to} shards.`
      : `${cause} Re-sharding to ${to} shards in this process.`;
    return { to, recommended, supervised, message };
  }

  /** The new count is running: nothing is pending any more. */
  settled(plan: ShardPlan): void {
    if (this.needed && plan.shardCount >= this.needed.to) this.needed = null;
  }

  /** The count this process re-sharded itself to, if it did. */
  get resharded(): number | null {
    return this.ownCount;
  }
}

/**
 * The shards to run: the supervisor's assignment; else, after a re-shard of its own, every shard
 * of the new count; else `discord.shards` (a number, or "auto": Discord's recommendation).
 */
export async function planShards(
  resharder: Resharder,
  discord: Config['discord'],
  token: string,
): Promise<ShardPlan> {
  if (resharder.cluster) return clusterPlan(resharder.cluster);
  if (resharder.resharded !== null) return allShards(resharder.resharded, 'reshard');
  if (discord.shards === 'auto')
    return allShards((await fetchRecommendedShards(discord.api, token)).shards, 'auto');
  return allShards(discord.shards, 'config');
}
