import { z } from 'zod';
import { ApiErrorSchema } from '../contract/errors';
import { ClusterAssignmentSchema, ShardingFromRuntime, ShardingToRuntime } from './sharding-messages';

/**
 * The private protocol between the supervisor and the runtime process, over the child's IPC
 * channel (child_process.fork) or its parentPort (Electron utilityProcess). Every message is
 * validated on arrival on both sides; an invalid one is logged and dropped.
 */

/** How the supervisor starts a runtime: passed as JSON in the child's environment. */
export const RuntimeLaunchSchema = z.object({
  dataDir: z.string(),
  commandsDir: z.string(),
  configOverrides: z.record(z.string(), z.unknown()),
  /**
   * `--irc HOST:PORT` (with `--irc-nick`, `--irc-channel`): merged into the configured servers
   * when the runtime reads its config (a function override cannot cross the process boundary).
   */
  ircFlags: z
    .object({
      servers: z.array(z.object({ host: z.string(), port: z.number().int() })),
      nick: z.string().nullable(),
      channels: z.array(z.string()),
    })
    .nullable()
    .default(null),
  app: z.object({
    name: z.string(),
    version: z.string(),
    mode: z.enum(['electron', 'browser']),
    electronVersion: z.string().nullable(),
  }),
  /** Serve the panel api (events are only relayed when true). */
  panel: z.boolean(),
  /** Read console lines relayed by the supervisor. */
  console: z.boolean(),
  /** The console input is a terminal (lines run concurrently) rather than a pipe (in order). */
  interactive: z.boolean().default(false),
  /** Human log output on stderr. */
  logConsole: z.boolean(),
  /** Why the previous runtime ended, logged by the new one so the panel's Logs show it. */
  previous: z.string().nullable(),
  /** Where the watchdog thread writes the running entry when the main thread is blocked. */
  stallFile: z.string(),
  /** The shards this runtime holds (one cluster); null: a one-process bot holding every shard. */
  cluster: ClusterAssignmentSchema.nullable().default(null),
});
export type RuntimeLaunch = z.infer<typeof RuntimeLaunchSchema>;
/** What a supervisor passes: fields with defaults may be left out. */
export type RuntimeLaunchInput = z.input<typeof RuntimeLaunchSchema>;
export const LAUNCH_ENV = 'PROTOS_RUNTIME_LAUNCH';

export const UserCodeEntrySchema = z.object({
  file: z.string(),
  command: z.string().nullable(),
  invocationId: z.number().int().nullable(),
  phase: z.enum(['load', 'setup', 'call']),
  certain: z.boolean(),
});
export type UserCodeEntryMessage = z.infer<typeof UserCodeEntrySchema>;

/** What the watchdog thread (stall) or the exit handler (crash) leaves behind in `stallFile`. */
export const StallRecordSchema = z.object({
  pid: z.number().int(),
  kind: z.enum(['stall', 'exit']),
  entry: UserCodeEntrySchema.nullable(),
  /** The fatal error's stack, source-mapped where it runs through a command file. */
  stack: z.string().nullable(),
  /** A command file the fatal error's stack runs through (when no entry was active). */
  stackFile: z.string().nullable(),
  message: z.string().nullable(),
});
export type StallRecord = z.infer<typeof StallRecordSchema>;

export const ToRuntimeSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('call'),
    id: z.number().int(),
    method: z.string(),
    input: z.unknown(),
    /** The panel transport the call came through (for the runtime's logs). */
    transport: z.enum(['ipc', 'web', 'test']),
  }),
  z.object({ type: z.literal('console-line'), line: z.string() }),
  z.object({ type: z.literal('console-end') }),
  /** Ctrl-C: the runtime applies the console's interrupt policy and answers `interrupted`. */
  z.object({ type: z.literal('interrupt'), id: z.number().int() }),
  z.object({ type: z.literal('stop'), reason: z.string(), drain: z.boolean() }),
  ...ShardingToRuntime,
]);
export type ToRuntime = z.infer<typeof ToRuntimeSchema>;

const CallResultSchema = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: ApiErrorSchema }),
]);

export const FromRuntimeSchema = z.discriminatedUnion('type', [
  /** Every ~250 ms from the runtime's event loop. */
  z.object({ type: z.literal('heartbeat') }),
  /** The config is loaded: the values the supervisor needs. */
  z.object({
    type: z.literal('config'),
    stallTimeoutMs: z.number().int().positive(),
    cleanupTimeoutMs: z.number().int().positive(),
    commandTimeoutMs: z.number().int().positive(),
    panelPort: z.number().int().min(0).max(65_535),
  }),
  /** Sent before command-file code runs (and when it returns). */
  z.object({ type: z.literal('entry'), entry: UserCodeEntrySchema.nullable() }),
  z.object({ type: z.literal('running'), pid: z.number().int() }),
  /** Start-up failed for a reason a restart cannot fix (invalid config, a port in use…). */
  z.object({
    type: z.literal('start-failed'),
    exitCode: z.number().int(),
    message: z.string(),
  }),
  z.object({ type: z.literal('result'), id: z.number().int(), result: CallResultSchema }),
  /** One batched event frame for the panel (validated by its producer, the api's event hub). */
  z.object({
    type: z.literal('frame'),
    frame: z.array(z.object({ event: z.string(), data: z.unknown() })),
  }),
  /** Console responses for the real stdout. */
  z.object({ type: z.literal('stdout'), text: z.string() }),
  z.object({ type: z.literal('interrupted'), id: z.number().int(), handled: z.boolean() }),
  /** End of console input reached and drained: the supervisor shuts down. */
  z.object({ type: z.literal('console-ended') }),
  /** Clean-up done; the process exits next with this code. */
  z.object({ type: z.literal('stopped'), exitCode: z.number().int() }),
  ...ShardingFromRuntime,
]);
export type FromRuntime = z.infer<typeof FromRuntimeSchema>;
