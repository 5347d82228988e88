import { z } from 'zod';

/** Why a command file is quarantined (not loaded until a new version is saved or it is released). */
export const QUARANTINE_REASONS = ['stall', 'crash', 'faults', 'manual'] as const;
export const QuarantineReasonSchema = z.enum(QUARANTINE_REASONS);
export type QuarantineReason = z.infer<typeof QuarantineReasonSchema>;

/** One quarantined file, keyed by its name relative to the commands dir. */
export const QuarantineEntrySchema = z.object({
  reason: QuarantineReasonSchema,
  /** Human readable: why it was quarantined. */
  message: z.string(),
  stack: z.string().nullable(),
  /** ISO-8601 time of the quarantine. */
  at: z.string(),
  invocation: z.object({ id: z.number().int(), command: z.string() }).nullable(),
  /** Hex sha256 of the file when quarantined: saving a different version lifts the quarantine. */
  sha256: z.string(),
});
export type QuarantineEntry = z.infer<typeof QuarantineEntrySchema>;

/** `<dataDir>/quarantine.json`. */
export const QuarantineFileSchema = z.object({
  version: z.literal(1),
  files: z.record(z.string(), QuarantineEntrySchema),
});
export type QuarantineFile = z.infer<typeof QuarantineFileSchema>;
