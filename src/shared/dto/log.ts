import { z } from 'zod';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export const LogLevelSchema = z.enum(LOG_LEVELS);
export type LogLevel = z.infer<typeof LogLevelSchema>;

/** Numeric severity matching pino's level numbers (trace=10 … fatal=60). */
export const LOG_LEVEL_VALUES: Record<LogLevel, number> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
};

export const LogErrorSchema = z.object({
  type: z.string(),
  message: z.string(),
  stack: z.string().optional(),
});

/**
 * One structured log line as the panel sees it. `seq` grows by one per line, per process; lines of
 * earlier runs read back from the log files (`logs.history`) get negative seqs below every live one.
 */
export const LogEntrySchema = z.object({
  seq: z.number().int(),
  time: z.number(),
  level: LogLevelSchema,
  /** Logger name: `runtime`, `cmd:echo`, `adapter:irc`, … */
  name: z.string(),
  msg: z.string(),
  err: LogErrorSchema.optional(),
  /** Any other structured fields of the line (JSON values only). */
  fields: z.record(z.string(), z.unknown()).optional(),
});
export type LogEntry = z.infer<typeof LogEntrySchema>;
