import { z } from 'zod';

export const LoopModeSchema = z.enum(['off', 'one', 'all']);
export type LoopModeDto = z.infer<typeof LoopModeSchema>;

export const OutputStateSchema = z.enum([
  'idle',
  'connecting',
  'ready',
  'playing',
  'disconnected',
  'destroyed',
]);

export const QueueItemSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  source: z.string(),
  kind: z.enum(['file', 'ffmpeg', 'web']),
  requester: z.string().nullable(),
  durationMs: z.number().nullable(),
});
export type QueueItemDto = z.infer<typeof QueueItemSchema>;

export const NowPlayingSchema = QueueItemSchema.extend({
  /** How far into the item the output has consumed, when `updatedAt` was taken. */
  positionMs: z.number(),
  /** `waiting`: no output is connected (the decoder starts on join). */
  state: z.enum(['waiting', 'preparing', 'playing']),
  seekable: z.boolean(),
});

export const AsyncLayerSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  volume: z.number(),
  positionMs: z.number(),
});

export const PlayerSchema = z.object({
  /** The guild's database id: `console`, `discord-<guild id>`. */
  guildId: z.string(),
  channelId: z.string().nullable(),
  output: z.object({ kind: z.string(), state: OutputStateSchema, detail: z.string().nullable() }).nullable(),
  paused: z.boolean(),
  loop: LoopModeSchema,
  volume: z.number().int().min(0).max(200),
  current: NowPlayingSchema.nullable(),
  upcoming: z.array(QueueItemSchema),
  layers: z.array(AsyncLayerSchema),
  lastError: z.object({ title: z.string(), reason: z.string(), at: z.number() }).nullable(),
  updatedAt: z.number(),
});
export type PlayerDto = z.infer<typeof PlayerSchema>;

export const DownloadSchema = z.object({
  url: z.string(),
  received: z.number(),
  total: z.number().nullable(),
  state: z.enum(['downloading', 'done', 'failed']),
  error: z.string().optional(),
});
export type DownloadDto = z.infer<typeof DownloadSchema>;

export const AudioStateSchema = z.object({
  available: z.boolean(),
  /** Why audio is unavailable (no ffmpeg), or null. */
  problem: z.string().nullable(),
  players: z.array(PlayerSchema),
  downloads: z.array(DownloadSchema),
  /** Files in the data dir's sounds/ folder the console guild can play. */
  sounds: z.array(z.string()),
});
export type AudioStateDto = z.infer<typeof AudioStateSchema>;
