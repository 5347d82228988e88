import { z } from 'zod';

export const DISCORD_SHARD_STATES = [
  'idle',
  'connecting',
  'identifying',
  'waiting-for-guilds',
  'ready',
  'resuming',
  'reconnecting',
  'disconnected',
] as const;

/** One Discord shard (gateway session) of a cluster, for the panel. */
export const DiscordShardStatusSchema = z.object({
  id: z.number().int().nonnegative(),
  state: z.enum(DISCORD_SHARD_STATES),
  /** Last heartbeat round trip, null before the first. */
  pingMs: z.number().nullable(),
  guilds: z.number().int().nonnegative(),
  /** Gateway events received per second (over the last 10 s). */
  eventsPerSec: z.number().nonnegative(),
  /** Member requests queued on this shard, not yet sent (gateway budget). */
  memberRequestsQueued: z.number().int().nonnegative(),
});
export type DiscordShardStatus = z.infer<typeof DiscordShardStatusSchema>;

/** The shards one Discord adapter runs, and whether Discord asked for more. */
export const DiscordShardingStatusSchema = z.object({
  shardCount: z.number().int().positive(),
  shardIds: z.array(z.number().int().nonnegative()),
  shards: z.array(DiscordShardStatusSchema),
  /** Set after a 4011 close (too many guilds per shard) until the bot runs the new count. */
  reshardNeeded: z.object({ from: z.number().int(), to: z.number().int(), at: z.number() }).nullable(),
});
export type DiscordShardingStatus = z.infer<typeof DiscordShardingStatusSchema>;
