import { z } from 'zod';
import { DiscordShardingStatusSchema } from './discord-shards';

export const BOT_STATES = ['starting', 'running', 'stopping', 'stopped', 'failed'] as const;
export const BotStateSchema = z.enum(BOT_STATES);
export type BotState = z.infer<typeof BotStateSchema>;

export const NETWORKS = ['console', 'discord', 'irc'] as const;
export const NetworkSchema = z.enum(NETWORKS);
export type Network = z.infer<typeof NetworkSchema>;

export const ADAPTER_STATES = ['stopped', 'connecting', 'connected', 'reconnecting', 'error'] as const;
export const AdapterStateSchema = z.enum(ADAPTER_STATES);
export type AdapterState = z.infer<typeof AdapterStateSchema>;

export const AdapterStatusSchema = z.object({
  id: z.string(),
  network: NetworkSchema,
  label: z.string(),
  state: AdapterStateSchema,
  latencyMs: z.number().nullable(),
  guilds: z.number().int().nonnegative(),
  channels: z.number().int().nonnegative(),
  reconnects: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
  /** Discord: requests the library held back before sending (`waits`) and real 429 answers (`hits`). */
  rateLimits: z
    .object({ waits: z.number().int().nonnegative(), hits: z.number().int().nonnegative() })
    .optional(),
  /** Discord: the shards this adapter runs (per-shard state, ping, guilds, events/s). */
  sharding: DiscordShardingStatusSchema.optional(),
});
export type AdapterStatus = z.infer<typeof AdapterStatusSchema>;

export const StatusSchema = z.object({
  state: BotStateSchema,
  /** Epoch ms when the runtime entered `running`, null before. */
  startedAt: z.number().nullable(),
  uptimeMs: z.number().nonnegative(),
  pid: z.number().int(),
  memory: z.object({
    rssMb: z.number(),
    heapUsedMb: z.number(),
    heapTotalMb: z.number(),
  }),
  adapters: z.array(AdapterStatusSchema),
  commands: z.object({
    loaded: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
  }),
  lastError: z.string().nullable(),
});
export type Status = z.infer<typeof StatusSchema>;

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  mode: z.enum(['electron', 'browser']),
  dataDir: z.string(),
  commandsDir: z.string(),
  configFile: z.string(),
  versions: z.object({ node: z.string(), electron: z.string().nullable() }),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;
