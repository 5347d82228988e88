import { z } from 'zod';
import { method } from './define';
import { ShardsStatusSchema } from '../dto/shards';

/** Answered by the supervisor (it owns the clusters); unsupervised, the runtime is cluster 0 of 1. */
export const shardsMethods = {
  'shards.status': method(
    z.object({}).strict(),
    ShardsStatusSchema,
    'Every cluster of the bot: shards, host, process state, guilds, events/s, memory.',
  ),
  'shards.restartCluster': method(
    z.object({ clusterId: z.number().int().nonnegative() }).strict(),
    z.object({ restarted: z.literal(true) }),
    "Restarts one of this host's clusters (an ordered stop, then a new process); the others keep serving.",
  ),
} as const;
