import { z } from 'zod';

/** The `audit` section: how long audit entries are kept in each guild's database. */
export const AuditConfigSchema = z
  .object({
    /** Entries older than this many days are deleted (checked about once an hour per guild). */
    retentionDays: z.number().int().min(1).max(36_500).default(365),
  })
  .strict()
  .prefault({});
