import { z } from 'zod';

export const PRESENCE_STATUSES = ['online', 'idle', 'dnd', 'invisible'] as const;
export const ACTIVITY_TYPES = ['playing', 'listening', 'watching', 'competing', 'custom'] as const;

/** `discord.presence`: what the bot shows in member lists. */
export const DiscordPresenceConfigSchema = z
  .object({
    status: z.enum(PRESENCE_STATUSES).default('online'),
    /** "Playing …", "Listening to …", a custom status; null for none. */
    activity: z
      .object({
        type: z.enum(ACTIVITY_TYPES),
        text: z.string().min(1).max(128),
      })
      .strict()
      .nullable()
      .default(null),
  })
  .strict()
  .prefault({});
