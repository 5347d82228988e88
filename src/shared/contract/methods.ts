import { z } from 'zod';
import { method } from './define';
import { rpcMethods } from './methods-rpc';
import { supervisorMethods } from './methods-supervisor';
import { audioMethods } from './methods-audio';
import { auditMethods } from './methods-audit';
import { commandFileMethods } from './methods-command-files';
import { commandHistoryMethods } from './methods-command-history';
import { FileConflictSchema, FileVersionSchema } from '../dto/command-files';
import { AppInfoSchema, StatusSchema } from '../dto/status';
import { LogEntrySchema, LogLevelSchema } from '../dto/log';
import { TraceSchema } from '../dto/trace';
import {
  CommandFileNameSchema,
  CommandsOverviewSchema,
  InvocationDtoSchema,
  ReloadReportSchema,
} from '../dto/commands';
import {
  DatabaseFileSchema,
  DatabaseIdSchema,
  MAX_ROWS_PAGE,
  RowsPageSchema,
  RowsViewInput,
  TableInfoSchema,
} from '../dto/database';
import { guardsMethods } from './methods-guards';
import { databaseIntegrityMethods } from './methods-database-integrity';
import { panelMethods } from './methods-panel';
import { runningMethods } from './methods-running';
import { guildsMethods } from './methods-guilds';
import { metricsMethods } from './methods-metrics';
import { botControlMethods } from './methods-bot-control';
import { consoleToolsMethods } from './methods-console-tools';
import { logsMethods } from './methods-logs';
import { shardsMethods } from './methods-shards';

const Empty = z.object({}).strict();

/**
 * Every request the panel can make, with its validated input and output.
 * The router in src/main/api implements exactly this table; both transports expose it.
 */
export const methods = {
  ...supervisorMethods,
  ...guildsMethods,
  ...logsMethods,
  ...shardsMethods,
  'app.info': method(Empty, AppInfoSchema, 'Name, version, mode and paths of the running app.'),
  'status.get': method(Empty, StatusSchema, 'Runtime state, uptime, memory, adapters and command counts.'),
  'logs.tail': method(
    z
      .object({
        /** At most this many entries, newest last. */
        limit: z.number().int().min(1).max(100_000).default(5_000),
        /** Only entries with a larger seq (for catching up after a reconnect). */
        afterSeq: z.number().int().min(-1).optional(),
      })
      .strict(),
    z.object({ entries: z.array(LogEntrySchema), lastSeq: z.number().int(), capacity: z.number().int() }),
    'The newest log entries from the ring buffer.',
  ),
  'logs.getLevel': method(Empty, z.object({ level: LogLevelSchema }), 'Current runtime log level.'),
  'logs.setLevel': method(
    z.object({ level: LogLevelSchema }).strict(),
    z.object({ level: LogLevelSchema }),
    'Change the runtime log level live.',
  ),
  'logs.emit': method(
    z
      .object({
        level: LogLevelSchema.default('info'),
        msg: z.string().min(1).max(10_000),
      })
      .strict(),
    z.object({ seq: z.number().int() }),
    'Write an operator note into the runtime log (logger name `panel`).',
  ),
  'console.exec': method(
    z.object({ line: z.string().max(100_000) }).strict(),
    z.object({ requestId: z.string() }),
    'Run a line on the panel console session; output arrives as `console` events.',
  ),
  'commands.list': method(
    Empty,
    CommandsOverviewSchema,
    'Loaded commands, per-file load status and the last reload report.',
  ),
  'commands.reload': method(
    z.object({ force: z.boolean().default(false) }).strict(),
    ReloadReportSchema,
    'Reload changed command files (force: all files).',
  ),
  'commands.readFile': method(
    z.object({ file: CommandFileNameSchema }).strict(),
    z.object({ file: z.string(), content: z.string(), version: FileVersionSchema }),
    'The source of a command file and its version (a save sends it back as baseVersion).',
  ),
  'commands.writeFile': method(
    z
      .object({
        file: CommandFileNameSchema,
        content: z.string().max(1_000_000),
        /** Reload right after saving (Save & Reload). */
        reload: z.boolean().default(true),
        /**
         * The version the edit is based on. When the file on disk has other content, nothing is
         * written and `conflict` holds what is on disk. Omitted: no check (scripts, tests).
         */
        baseVersion: FileVersionSchema.optional(),
      })
      .strict(),
    z.object({
      report: ReloadReportSchema.nullable(),
      /** The saved file's version (null when nothing was written). */
      version: FileVersionSchema.nullable(),
      conflict: FileConflictSchema.nullable(),
    }),
    'Save a command file (atomically) and optionally reload; refuses to overwrite a newer disk version.',
  ),
  'commands.createFile': method(
    z
      .object({ file: CommandFileNameSchema, commandName: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/) })
      .strict(),
    z.object({ file: z.string(), content: z.string() }),
    'Create a command file from the template (fails if it exists).',
  ),
  'commands.deleteFile': method(
    z.object({ file: CommandFileNameSchema }).strict(),
    z.object({ report: ReloadReportSchema }),
    'Delete a command file and unload its commands.',
  ),
  'invocations.list': method(
    Empty,
    z.object({ invocations: z.array(InvocationDtoSchema) }),
    'Running invocations.',
  ),
  'invocations.cancel': method(
    z.object({ id: z.number().int().min(1) }).strict(),
    z.object({ cancelled: z.boolean() }),
    'Cancel a running invocation.',
  ),
  'pipeline.traces': method(
    z.object({ limit: z.number().int().min(1).max(10_000).default(200) }).strict(),
    z.object({ traces: z.array(TraceSchema) }),
    'The newest pipeline traces (why messages did or did not become commands).',
  ),
  'config.get': method(
    Empty,
    z.object({
      /** Effective config (file + command-line overrides), secrets replaced by null. */
      config: z.unknown(),
      /** The config as stored in the file, secrets replaced by null (what Settings edits). */
      stored: z.unknown(),
      /** Which secrets are set (paths like `discord.token`). */
      secrets: z.record(z.string(), z.boolean()),
      /** Keys overridden for this run by command-line flags (not editable here). */
      overridden: z.array(z.string()),
      file: z.string(),
      /** Fingerprint of the stored config; a save sends it back as baseRevision. */
      revision: z.string(),
      /** Why config.json on disk is not in use (an invalid hand edit, kept as it is), or null. */
      diskProblem: z.string().nullable(),
    }),
    'The config for the Settings view (secrets never included).',
  ),
  'config.set': method(
    z
      .object({
        /** The whole config to store; secret fields in it are ignored. */
        config: z.unknown(),
        /** Secrets to set (string) or clear (null), by path. */
        secrets: z.record(z.string(), z.string().nullable()).default({}),
        /**
         * The revision the edit is based on (from config.get). Changes made since (a hand edit,
         * a chat command) are kept: the edit is merged into them, or refused with CONFLICT
         * naming the keys both changed.
         */
        baseRevision: z.string().max(64).optional(),
      })
      .strict(),
    z.object({ ok: z.literal(true), revision: z.string() }),
    'Validate and store the config (atomic write, one backup); invalid → BAD_REQUEST with the issue paths, a conflicting edit → CONFLICT.',
  ),
  'adapters.connect': method(
    z.object({ id: z.string() }).strict(),
    StatusSchema,
    'Start (connect) an adapter.',
  ),
  'adapters.disconnect': method(
    z.object({ id: z.string() }).strict(),
    StatusSchema,
    'Stop (disconnect) an adapter.',
  ),
  'database.list': method(
    Empty,
    z.object({ databases: z.array(DatabaseFileSchema) }),
    'The database files in the data dir (global and one per guild), with their sizes.',
  ),
  'database.tables': method(
    z.object({ db: DatabaseIdSchema }).strict(),
    z.object({ db: z.string(), tables: z.array(TableInfoSchema) }),
    'Tables of a database with row counts and columns (read-only).',
  ),
  'database.rows': method(
    z
      .object({
        db: DatabaseIdSchema,
        table: z.string().min(1).max(256),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(MAX_ROWS_PAGE).default(100),
        ...RowsViewInput,
      })
      .strict(),
    RowsPageSchema,
    'A page of rows of a table as JSON-safe values, optionally searched and sorted (read-only).',
  ),
  ...rpcMethods,
  ...guardsMethods,
  ...panelMethods,
  ...runningMethods,
  ...audioMethods,
  ...auditMethods,
  ...commandFileMethods,
  ...commandHistoryMethods,
  ...databaseIntegrityMethods,
  ...metricsMethods,
  ...botControlMethods,
  ...consoleToolsMethods,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
/** What a caller passes (defaults may be omitted). */
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
/** What a handler receives after validation (defaults applied). */
export type ParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}
