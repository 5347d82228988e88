import { z } from 'zod';

/** The `database` section of config.json. */
export const DatabaseConfigSchema = z
  .object({
    /**
     * Databases kept open at once; beyond it the least recently used idle ones are checkpointed
     * and closed, and reopened on their next use. null: derived from the open-file limit
     * (an eighth of `ulimit -n`, between 8 and 512).
     */
    maxOpen: z.number().int().min(1).max(100_000).nullable().default(null),
  })
  .strict();
