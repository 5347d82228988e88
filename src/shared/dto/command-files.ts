import { z } from 'zod';

/**
 * The version of a command file as the panel saw it: modification time and a hash of the
 * content. A save carries the version it was based on; a different hash on disk is a conflict.
 */
export const FileVersionSchema = z.object({
  mtimeMs: z.number(),
  hash: z.string().regex(/^[0-9a-f]{32}$/),
});
export type FileVersion = z.infer<typeof FileVersionSchema>;

/** What a save found on disk instead of the version it was based on (null: the file is gone). */
export const FileConflictSchema = z.object({
  disk: z.object({ content: z.string(), version: FileVersionSchema }).nullable(),
});
export type FileConflict = z.infer<typeof FileConflictSchema>;
