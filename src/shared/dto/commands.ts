import { z } from 'zod';
import { NetworkSchema } from './status';
import { FileFaultsSchema, QuarantineEntrySchema, QuarantineReasonSchema } from './quarantine';

export const ArgumentDtoSchema = z.object({
  name: z.string(),
  optional: z.boolean(),
  hint: z.string(),
  description: z.string(),
});

export const CommandDtoSchema = z.object({
  id: z.number().int(),
  /** `echo`, or `factoid add` for a module's subcommand. */
  name: z.string(),
  module: z.string().nullable(),
  aliases: z.array(z.string()),
  desc: z.string(),
  /** What the command reads and writes beyond the usage line (MRCI io text); absent when not set. */
  io: z.string().optional(),
  longDesc: z.string(),
  usage: z.string(),
  lib: z.string(),
  minRank: z.number().int().nullable(),
  arguments: z.array(ArgumentDtoSchema),
  /** Command file relative to the commands dir; null for built-ins. */
  file: z.string().nullable(),
  internal: z.boolean(),
});
export type CommandDto = z.infer<typeof CommandDtoSchema>;

export const LoadFailureSchema = z.object({
  file: z.string(),
  line: z.number().int().nullable(),
  column: z.number().int().nullable(),
  message: z.string(),
});
export type LoadFailureDto = z.infer<typeof LoadFailureSchema>;

export const FileStatusSchema = z.object({
  file: z.string(),
  state: z.enum(['loaded', 'failed', 'empty', 'quarantined']),
  /** Generation of the running version; null when none runs. */
  generation: z.number().int().nullable(),
  commands: z.array(z.string()),
  error: LoadFailureSchema.nullable(),
  /** Why the file is kept out (state "quarantined"); "Load again" lifts it. */
  quarantine: QuarantineEntrySchema.nullable(),
  /** Uncaught faults attributed to the file since the bot started. */
  faults: FileFaultsSchema,
});
export type FileStatusDto = z.infer<typeof FileStatusSchema>;

export const ReloadReportSchema = z.object({
  loaded: z.array(z.string()),
  updated: z.array(z.string()),
  removed: z.array(z.string()),
  failed: z.array(LoadFailureSchema),
  /** Files not loaded because they are quarantined. */
  quarantined: z.array(z.object({ file: z.string(), reason: QuarantineReasonSchema, message: z.string() })),
  unchanged: z.number().int(),
  ms: z.number(),
});
export type ReloadReportDto = z.infer<typeof ReloadReportSchema>;

export const CommandsOverviewSchema = z.object({
  commands: z.array(CommandDtoSchema),
  files: z.array(FileStatusSchema),
  lastReload: ReloadReportSchema.nullable(),
  commandsDir: z.string(),
});
export type CommandsOverview = z.infer<typeof CommandsOverviewSchema>;

/** A command file name: top level of the commands dir, letters/digits/-/_ and a .ts or .js extension. */
export const CommandFileNameSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}\.(ts|js)$/,
    'a file name like my-command.ts (letters, digits, - and _)',
  );

export const INVOCATION_STATES = ['running', 'looping', 'awaiting_input', 'cancelling'] as const;

export const InvocationDtoSchema = z.object({
  id: z.number().int(),
  command: z.string(),
  state: z.enum(INVOCATION_STATES),
  network: NetworkSchema,
  adapterId: z.string(),
  author: z.string(),
  channel: z.string(),
  guild: z.string().nullable(),
  startedAt: z.number(),
  text: z.string(),
});
export type InvocationDto = z.infer<typeof InvocationDtoSchema>;
