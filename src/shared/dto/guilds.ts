import { z } from 'zod';
import { DatabaseIdSchema } from './database';

/** A guild's own settings, stored in its database (`prefix set !`). */
export const GuildSettingsSchema = z.object({
  db: DatabaseIdSchema,
  /** The database belongs to a guild (not the global, console or private-message one). */
  guild: z.boolean(),
  /** The guild's own command prefix; null when it uses the default triggers. */
  prefix: z.string().nullable(),
  /** `pipeline.triggers`: what a guild without its own prefix answers to. */
  defaultTriggers: z.array(z.string()),
});
export type GuildSettingsDto = z.infer<typeof GuildSettingsSchema>;
