import type { ClusterEvalResult } from '../../../../shared/process/sharding-messages';

export type { ClusterEvalResult };

/** What a `broadcastEval` function sees in each cluster (its first argument). */
export interface ClusterScope {
  readonly clusterId: number;
  readonly clusterCount: number;
  /** The shards this cluster connects. */
  readonly shardIds: readonly number[];
  readonly shardCount: number;
  /** Guilds over this cluster's adapters (the console counts as one, in cluster 0). */
  readonly guilds: number;
  /** This cluster's adapter clients by id (`clients.get('discord')?.native` is the discord.js client). */
  readonly clients: ReadonlyMap<string, { id: string; network: string; native: unknown }>;
}

export interface BroadcastOptions {
  /** How long each cluster gets to answer (default 5 000 ms); a late one answers with an error. */
  timeoutMs?: number;
}

/**
 * `this.env.shards`: the bot's other clusters, for commands. Works the same in a one-process bot
 * (one cluster, evaluated here).
 */
export interface ShardsApi {
  readonly clusterId: number;
  readonly clusterCount: number;
  readonly shardCount: number;
  readonly shardIds: readonly number[];
  /**
   * Runs `fn` in every cluster and gathers the answers in cluster order. `fn` travels as its
   * source text: it must not use variables from around it (pass them in `context`, which must be
   * JSON), and what it returns must be JSON. A cluster that throws, is down or answers too late
   * gives `{ ok: false, error }` — one failed cluster never rejects the whole call.
   */
  broadcastEval<T, C = undefined>(
    fn: (cluster: ClusterScope, context: C) => T | Promise<T>,
    context?: C,
    options?: BroadcastOptions,
  ): Promise<ClusterEvalResult<Awaited<T>>[]>;
  /** Guilds over every cluster; rejects (naming them) when a cluster cannot answer. */
  guildCount(options?: BroadcastOptions): Promise<number>;
  /** The shard a guild belongs to. */
  shardOfGuild(guildId: string): number;
  /** The cluster holding that guild's shard. */
  clusterOfGuild(guildId: string): number;
}

/** `guildCount` and friends could not hear from every cluster. */
export class ClustersUnavailable extends Error {
  constructor(readonly failed: { clusterId: number; error: string }[]) {
    super(
      `no answer from ${failed.map((f) => `cluster ${f.clusterId} (${f.error})`).join(', ')}; try again in a moment`,
    );
    this.name = 'ClustersUnavailable';
  }
}

export const DEFAULT_BROADCAST_TIMEOUT_MS = 5_000;
export const MAX_BROADCAST_TIMEOUT_MS = 600_000;
