import { z } from 'zod';
import { DatabaseIdSchema } from './database';

/** One stored audit entry: who did what, where (the guild's database), when. */
export const AuditEntrySchema = z.object({
  /** Increasing per guild database; the paging cursor. */
  id: z.number().int(),
  /** Epoch milliseconds. */
  time: z.number(),
  /** The guild's database id (`console`, `discord-<id>`, `irc-<host:port>`). */
  guild: z.string(),
  guildName: z.string(),
  /** Where the action happened (a channel name, `panel`, …). */
  channel: z.string(),
  actorId: z.string(),
  actorName: z.string(),
  /** The command (or subsystem) that logged it. */
  command: z.string(),
  message: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** An audit channel configured for a guild. */
export const AuditChannelSchema = z.object({
  /** Network channel id (Discord snowflake, IRC channel name). */
  id: z.string(),
  name: z.string(),
  adapterId: z.string(),
  addedAt: z.number(),
  addedBy: z.string(),
  /** Why the last post failed (null: the last post worked or none was tried). */
  lastError: z.string().nullable(),
});
export type AuditChannel = z.infer<typeof AuditChannelSchema>;

export const AuditGuildSchema = z.object({
  db: z.string(),
  name: z.string(),
  network: z.string(),
  /** Adapter that serves the guild, when known. */
  adapterId: z.string().nullable(),
  channels: z.array(AuditChannelSchema),
});
export type AuditGuild = z.infer<typeof AuditGuildSchema>;

export const MAX_AUDIT_PAGE = 500;

/** A search over one guild's stored entries, newest first. All filters are optional and combine. */
export const AuditSearchSchema = z
  .object({
    guild: DatabaseIdSchema,
    /** Actor id or name contains this (case-insensitive). */
    actor: z.string().max(200).optional(),
    /** Command name contains this (case-insensitive). */
    command: z.string().max(200).optional(),
    /** Message contains this (case-insensitive). */
    text: z.string().max(500).optional(),
    /** Entries at or after this time (epoch ms). */
    from: z.number().optional(),
    /** Entries before this time (epoch ms). */
    to: z.number().optional(),
    /** `nextCursor` of the previous page; absent for the newest page. */
    cursor: z.number().int().min(1).optional(),
    limit: z.number().int().min(1).max(MAX_AUDIT_PAGE).default(100),
  })
  .strict();
export type AuditSearch = z.input<typeof AuditSearchSchema>;

export const AuditPageSchema = z.object({
  entries: z.array(AuditEntrySchema),
  /** Pass as `cursor` for the next (older) page; null when there is none. */
  nextCursor: z.number().int().nullable(),
});
export type AuditPage = z.infer<typeof AuditPageSchema>;

/** A post to an audit channel failed (pushed once per channel until a post there works again). */
export const AuditFailureSchema = z.object({
  guild: z.string(),
  channelId: z.string(),
  channelName: z.string(),
  error: z.string(),
  time: z.number(),
});
export type AuditFailure = z.infer<typeof AuditFailureSchema>;

/** A PNG a command sent (`respondImage`), by file name inside the data dir's image folder. */
export const ImageFileNameSchema = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.png$/, 'an image file name like statcard-1.png');
