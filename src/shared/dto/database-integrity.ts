import { z } from 'zod';

/** The result of an on-demand integrity check of one database. */
export const IntegrityReportSchema = z.object({
  db: z.string(),
  ok: z.boolean(),
  /** What the check found (SQLite: integrity_check lines), at most 100; empty when ok. */
  problems: z.array(z.string()),
  ms: z.number().min(0),
});
export type IntegrityReportDto = z.infer<typeof IntegrityReportSchema>;
