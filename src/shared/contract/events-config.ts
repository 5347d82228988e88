import { z } from 'zod';

/** Pushed when config.json changed on disk outside the bot (a hand edit). */
export const configEvents = {
  config: z.object({
    /** True when the edit was valid and is now in use; false when it was refused (file kept). */
    loaded: z.boolean(),
    /** Dot paths that changed (loaded edits). */
    paths: z.array(z.string()),
    revision: z.string(),
    /** Why the edit was refused, or null. */
    error: z.string().nullable(),
  }),
} as const;
