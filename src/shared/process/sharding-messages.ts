import { z } from 'zod';
import { LogEntrySchema } from '../dto/log';

/**
 * The sharding half of the supervisor ⇄ runtime protocol (spread into runtime-messages.ts):
 * cross-cluster evaluation, cluster figures for the panel, and a cluster asking for a re-shard.
 * A runtime never talks to another runtime directly: the supervisor relays and gathers.
 */

export const ClusterAssignmentSchema = z.object({
  clusterId: z.number().int().nonnegative(),
  clusterCount: z.number().int().positive(),
  shardIds: z.array(z.number().int().nonnegative()),
  shardCount: z.number().int().positive(),
});

/** One cluster's answer to an evaluation: the value, or why there is none. */
export const ClusterEvalResultSchema = z.union([
  z.object({ clusterId: z.number().int(), ok: z.literal(true), value: z.unknown() }),
  z.object({ clusterId: z.number().int(), ok: z.literal(false), error: z.string() }),
]);
export type ClusterEvalResult<T = unknown> =
  { clusterId: number; ok: true; value: T } | { clusterId: number; ok: false; error: string };

/** One shard as its cluster sees it (filled in by the Discord adapter when it runs shards). */
export const ShardFiguresSchema = z.object({
  shardId: z.number().int().nonnegative(),
  state: z.string(),
  latencyMs: z.number().nullable(),
  guilds: z.number().int().nonnegative(),
});
export type ShardFigures = z.infer<typeof ShardFiguresSchema>;

/** What a cluster reports about itself every few seconds. */
export const ClusterFiguresSchema = z.object({
  guilds: z.number().int().nonnegative(),
  /** Bus events per second over the last report interval. */
  eventsPerSec: z.number().nonnegative(),
  rssMb: z.number().nonnegative(),
  heapUsedMb: z.number().nonnegative(),
  shards: z.array(ShardFiguresSchema),
});
export type ClusterFigures = z.infer<typeof ClusterFiguresSchema>;

export const EVAL_SOURCE_MAX = 100_000;
/** Log entries in one `cluster-logs` batch (a cluster sends at most one batch per interval). */
export const CLUSTER_LOG_BATCH_MAX = 500;
const LogBatchSchema = z.array(LogEntrySchema).max(CLUSTER_LOG_BATCH_MAX);

/** Files that failed to build in one cluster (a two-phase reload's first phase). */
const FailedFilesSchema = z.array(z.object({ file: z.string(), message: z.string() })).max(10_000);

export const ShardingToRuntime = [
  /** Evaluate `source` (a function's text) here and answer `eval-result` with the same id. */
  z.object({
    type: z.literal('eval'),
    id: z.number().int(),
    source: z.string().max(EVAL_SOURCE_MAX),
    context: z.unknown(),
    timeoutMs: z.number().int().positive(),
  }),
  /** The gathered answer to this runtime's `broadcast` request. */
  z.object({
    type: z.literal('broadcast-result'),
    id: z.number().int(),
    results: z.array(ClusterEvalResultSchema),
  }),
  /** Two-phase reload, phase 1 here: build the changed files, answer `reload-prepared`, wait. */
  z.object({ type: z.literal('reload-prepare'), id: z.number().int(), force: z.boolean() }),
  /** Phase 2: swap in what was built, except `hold` (failed in some cluster): previous version kept. */
  z.object({ type: z.literal('reload-commit'), id: z.number().int(), hold: FailedFilesSchema }),
  /** Cluster 0 only: another cluster's log lines, for the panel's Logs view. */
  z.object({
    type: z.literal('cluster-logs'),
    clusterId: z.number().int().positive(),
    entries: LogBatchSchema,
  }),
] as const;

export const ShardingFromRuntime = [
  /** A command asked for `broadcastEval`: the supervisor sends `eval` to every cluster. */
  z.object({
    type: z.literal('broadcast'),
    id: z.number().int(),
    source: z.string().max(EVAL_SOURCE_MAX),
    context: z.unknown(),
    timeoutMs: z.number().int().positive().max(600_000),
  }),
  z.object({ type: z.literal('eval-result'), id: z.number().int(), result: ClusterEvalResultSchema }),
  z.object({ type: z.literal('cluster-figures'), figures: ClusterFiguresSchema }),
  /** A cluster other than 0: its recent log lines, relayed into cluster 0's log stream. */
  z.object({ type: z.literal('cluster-logs'), entries: LogBatchSchema }),
  /**
   * Cluster 0 built a reload (its files failing here in `failed`) and waits for `reload-commit`
   * with this id: the supervisor has every other cluster prepare the same reload first.
   */
  z.object({
    type: z.literal('reload-gate'),
    id: z.number().int(),
    force: z.boolean(),
    failed: FailedFilesSchema,
  }),
  z.object({ type: z.literal('reload-prepared'), id: z.number().int(), failed: FailedFilesSchema }),
  /** Discord closed with 4011 (or `auto` resolved to another count): restart every cluster with it. */
  z.object({
    type: z.literal('reshard-needed'),
    shardCount: z.number().int().min(1).max(4096),
    reason: z.string(),
  }),
] as const;
