import { z } from 'zod';
import { method } from './define';
import { CommandFileNameSchema, ReloadReportSchema } from '../dto/commands';
import { FileConflictSchema, FileVersionSchema } from '../dto/command-files';
import { HistoryEntrySchema, HistoryIdSchema } from '../dto/command-history';

/** The saved versions of a command file: list, read one, roll back to one. */
export const commandHistoryMethods = {
  'commands.history': method(
    z.object({ file: CommandFileNameSchema }).strict(),
    z.object({ versions: z.array(HistoryEntrySchema) }),
    'The saved versions of a command file, newest first.',
  ),
  'commands.historyVersion': method(
    z.object({ file: CommandFileNameSchema, id: HistoryIdSchema }).strict(),
    z.object({ entry: HistoryEntrySchema, content: z.string() }),
    'The content of one saved version of a command file.',
  ),
  'commands.rollback': method(
    z
      .object({
        file: CommandFileNameSchema,
        id: HistoryIdSchema,
        /** As for a save: refuse (conflict) when the disk has another version than this one. */
        baseVersion: FileVersionSchema.optional(),
      })
      .strict(),
    z.object({
      report: ReloadReportSchema.nullable(),
      version: FileVersionSchema.nullable(),
      conflict: FileConflictSchema.nullable(),
      /** The new version the rollback saved (null when nothing was written). */
      entry: HistoryEntrySchema.nullable(),
    }),
    'Save an earlier version of a command file as its newest version and reload.',
  ),
} as const;
