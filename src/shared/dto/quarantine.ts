import { z } from 'zod';

/**
 * `<dataDir>/quarantine.json`: command files that must not be loaded until their content
 * changes or someone lifts the quarantine ("Load again"). Written by the runtime (too many
 * uncaught faults, or by hand) and by the supervisor (a file that stalled or crashed the
 * runtime); both sides keep exactly this shape.
 */
export const QUARANTINE_REASONS = ['stall', 'crash', 'faults', 'manual'] as const;
export const QuarantineReasonSchema = z.enum(QUARANTINE_REASONS);
export type QuarantineReason = z.infer<typeof QuarantineReasonSchema>;

export const QuarantineEntrySchema = z.object({
  reason: QuarantineReasonSchema,
  /** Why, for people. */
  message: z.string(),
  stack: z.string().nullable(),
  /** ISO-8601 time of the quarantine. */
  at: z.string(),
  /** The invocation that was running (stall/crash), when known. */
  invocation: z.object({ id: z.number().int(), command: z.string() }).nullable(),
  /** Hex sha256 of the file content when quarantined: a different content lifts the quarantine. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type QuarantineEntry = z.infer<typeof QuarantineEntrySchema>;

export const QuarantineFileSchema = z.object({
  version: z.literal(1),
  /** By file name relative to the commands dir (`loop.ts`). */
  files: z.record(z.string(), QuarantineEntrySchema),
});
export type QuarantineFile = z.infer<typeof QuarantineFileSchema>;

/** Uncaught faults attributed to one command file (counted since the bot started). */
export const FileFaultsSchema = z.object({
  count: z.number().int(),
  last: z
    .object({
      message: z.string(),
      /** `file:line:column` in the original source, when the stack names one. */
      location: z.string().nullable(),
      /** What kind of fault: `uncaughtException`, `unhandledRejection`, `timeout callback`, … */
      kind: z.string(),
      /** Epoch ms. */
      at: z.number(),
    })
    .nullable(),
});
export type FileFaults = z.infer<typeof FileFaultsSchema>;
