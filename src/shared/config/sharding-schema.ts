import { z } from 'zod';

/**
 * `discord.shards` / `discord.shardsPerCluster` / `discord.cache`: how the Discord connection is
 * split into shards (gateway sessions), shards grouped into clusters (one runtime process each,
 * under the supervisor), and how much each cluster keeps in memory.
 */
export const DiscordShardCountSchema = z
  .union([z.literal('auto'), z.number().int().min(1).max(4096)])
  .default(1);

export const DiscordShardsPerClusterSchema = z.number().int().min(1).max(64).default(4);

/** Bounds on discord.js's caches (per cluster); 0 keeps none, null leaves discord.js's default. */
export const DiscordCacheConfigSchema = z
  .object({
    /** Messages kept per channel. */
    messagesPerChannel: z.number().int().min(0).max(10_000).default(50),
    /** Messages older than this are swept (seconds). */
    messageLifetimeSec: z.number().int().min(60).max(86_400).default(1800),
    /** Members kept per guild besides the bot itself (the most recently active are kept). */
    membersPerGuild: z.number().int().min(0).max(1_000_000).default(200),
    /** Cache presences (only with the presence intent). */
    presences: z.boolean().default(false),
  })
  .strict()
  .prefault({});

/** `sharding`: several hosts sharing one bot through the PostgreSQL database. */
export const ShardingConfigSchema = z
  .object({
    /** This host's name in the shard lease table (defaults to the machine's hostname + data dir). */
    hostId: z.string().min(1).max(100).nullable().default(null),
    /** A host that has not renewed its leases for this long loses them to another host (ms). */
    leaseMs: z.number().int().min(2_000).max(600_000).default(15_000),
  })
  .strict()
  .prefault({});
