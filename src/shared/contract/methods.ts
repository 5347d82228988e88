import { z } from 'zod';
import { method } from './define';
import { AppInfoSchema, StatusSchema } from '../dto/status';
import { LogEntrySchema, LogLevelSchema } from '../dto/log';

const Empty = z.object({}).strict();

/**
 * Every request the panel can make, with its validated input and output.
 * The router in src/main/api implements exactly this table; both transports expose it.
 */
export const methods = {
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
