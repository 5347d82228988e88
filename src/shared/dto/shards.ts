import { z } from 'zod';
import { ClusterFiguresSchema } from '../process/sharding-messages';
import { SupervisorStateSchema } from './supervisor';

/**
 * The bot's clusters as the supervisor sees them. `local`: this host runs the cluster;
 * `remote`: another host holds its lease; `unassigned`: no live host holds it (it is being
 * taken over).
 */
export const ClusterStatusSchema = z.object({
  clusterId: z.number().int().nonnegative(),
  shardIds: z.array(z.number().int().nonnegative()),
  /** The host running it (this host's id for local clusters), null when none. */
  host: z.string().nullable(),
  where: z.enum(['local', 'remote', 'unassigned']),
  /** The local cluster's process state; null for a cluster of another host. */
  state: SupervisorStateSchema.nullable(),
  pid: z.number().int().nullable(),
  restarts: z.number().int().nonnegative(),
  /** Why it last restarted or gave up. */
  message: z.string().nullable(),
  /** Its last report (guilds, events/s, memory, shards), null before the first. */
  figures: ClusterFiguresSchema.nullable(),
  /** ISO time of that report. */
  figuresAt: z.string().nullable(),
});
export type ClusterStatus = z.infer<typeof ClusterStatusSchema>;

export const ReshardInfoSchema = z.object({
  at: z.string(),
  from: z.number().int().positive(),
  to: z.number().int().positive(),
  reason: z.string(),
  /** Still rolling through the clusters. */
  inProgress: z.boolean(),
});
export type ReshardInfo = z.infer<typeof ReshardInfoSchema>;

export const ShardsStatusSchema = z.object({
  shardCount: z.number().int().positive(),
  shardsPerCluster: z.number().int().positive(),
  /** This host's id when several hosts share the bot (PostgreSQL leases), else null. */
  hostId: z.string().nullable(),
  clusters: z.array(ClusterStatusSchema),
  lastReshard: ReshardInfoSchema.nullable(),
});
export type ShardsStatus = z.infer<typeof ShardsStatusSchema>;
