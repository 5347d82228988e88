import { z } from 'zod';

/** Who made a saved version: a panel save (and over which transport), a rollback, or the disk. */
export const HistorySourceSchema = z.enum(['panel-desktop', 'panel-browser', 'panel', 'rollback', 'disk']);
export type HistorySource = z.infer<typeof HistorySourceSchema>;

/** One saved version of a command file, as the history panel lists it. */
export const HistoryEntrySchema = z.object({
  /** Stable id: save time and content hash, e.g. `1733220000000-3f2a…`. */
  id: z.string().regex(/^[0-9]{13}-[0-9a-f]{32}$/),
  savedAt: z.number().int(),
  /** Size of the content in bytes (UTF-8). */
  bytes: z.number().int().min(0),
  hash: z.string().regex(/^[0-9a-f]{32}$/),
  source: HistorySourceSchema,
  /** For a rollback: the id of the version it restored. */
  restoredFrom: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

export const HistoryIdSchema = HistoryEntrySchema.shape.id;
