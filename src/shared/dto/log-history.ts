import { z } from 'zod';
import { LogEntrySchema, LogLevelSchema } from './log';

/** Name of a rolling log file in `<dataDir>/logs` (never a path: a cursor cannot point elsewhere). */
export const LOG_FILE_NAME = /^bot\.\d{4}-\d{2}-\d{2}\.\d{1,9}\.log$/;

/**
 * Where the next (older) page of history starts. Pages are read newest first: from the ring
 * (the current run's newest lines), then backwards through the rolling files.
 */
export const LogCursorSchema = z.discriminatedUnion('source', [
  z.object({
    source: z.literal('ring'),
    /** Only entries with a smaller seq. */
    beforeSeq: z.number().int().min(0),
  }),
  z.object({
    source: z.literal('file'),
    file: z.string().regex(LOG_FILE_NAME, 'not a log file name'),
    /** Bytes of the file not read yet (the page continues just before this offset). */
    offset: z.number().int().min(0),
    /** Lines of the current run with this seq or above are still in the ring (skipped); null past it. */
    skipFromSeq: z.number().int().min(0).nullable(),
    /** Seq of the last line read, to notice where one run's lines end and an older run's begin. */
    lastSeq: z.number().int().nullable(),
    /** Lines of earlier runs have no seq of this run: they get this one and below (negative, falling). */
    nextOlderSeq: z.number().int().max(-1),
  }),
]);
export type LogCursor = z.infer<typeof LogCursorSchema>;

export const LogMatchSchema = z
  .object({
    minLevel: LogLevelSchema.default('trace'),
    text: z.string().max(1_000).default(''),
    from: z.number().nullable().optional(),
    to: z.number().nullable().optional(),
  })
  .strict();

export const MAX_HISTORY_PAGE = 2_000;

export const LogHistoryRequestSchema = z
  .object({
    /** Where to go on; omitted: start at the newest entry held. */
    before: LogCursorSchema.optional(),
    limit: z.number().int().min(1).max(MAX_HISTORY_PAGE).default(500),
    match: LogMatchSchema.default({ minLevel: 'trace', text: '' }),
  })
  .strict();

export const LogHistoryPageSchema = z.object({
  /** Matching entries, oldest first (like `logs.tail`). */
  entries: z.array(LogEntrySchema),
  /** Where the next older page starts; null when there is nothing older. */
  next: LogCursorSchema.nullable(),
  /** Bytes of log files read for this page (reads are bounded; a page may hold fewer than `limit`). */
  scannedBytes: z.number().int().min(0),
});
export type LogHistoryPage = z.infer<typeof LogHistoryPageSchema>;

export const LOG_EXPORT_FORMATS = ['ndjson', 'log'] as const;
export const MAX_EXPORT_LINES = 200_000;

export const LogExportRequestSchema = z
  .object({
    format: z.enum(LOG_EXPORT_FORMATS).default('ndjson'),
    match: LogMatchSchema.default({ minLevel: 'trace', text: '' }),
    limit: z.number().int().min(1).max(MAX_EXPORT_LINES).default(MAX_EXPORT_LINES),
  })
  .strict();

export const LogExportSchema = z.object({
  /** Suggested file name (`protos-logs-<time>.<ext>`). */
  filename: z.string(),
  mime: z.string(),
  content: z.string(),
  lines: z.number().int().min(0),
  /** True when a limit (lines or bytes) was reached: older matching lines may be left out. */
  truncated: z.boolean(),
});
export type LogExport = z.infer<typeof LogExportSchema>;
