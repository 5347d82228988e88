import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from '../../adapters/types';
import type { Logger } from '../../logging/logging';
import { TokenizeError } from '../../text/tokenizer';
import {
  CommandCancelled,
  CommandNotFound,
  IllegalArgument,
  InputTimeout,
  NotAvailable,
  PermissionDenied,
} from '../api/errors';

export interface ErrorReport {
  /** What the user is told. */
  text: string;
  /** Id matching the log entry that holds the stack (unexpected errors only). */
  errorId: string | null;
  kind: 'not-found' | 'denied' | 'usage' | 'timeout' | 'cancelled' | 'unavailable' | 'internal';
}

export interface ErrorContext {
  msg: IncomingMessage;
  /** Name of the command involved, when known. */
  command: string | null;
  /** Usage line of the command, for argument errors. */
  usage: string | null;
  /** `debug.showCommandErrors`: stack traces go to chat, for owner rank only. */
  showCommandErrors: boolean;
  logger: Logger;
}

export const newErrorId = (): string => randomBytes(4).toString('hex');

/**
 * Error mapping shared by the pipeline and the executor: expected errors become a clear
 * sentence for the user; anything else a generic sentence with an error id, the full stack
 * going to the log (and to chat only for owners when showCommandErrors is on).
 */
export function reportCommandError(err: unknown, ctx: ErrorContext): ErrorReport {
  if (err instanceof CommandNotFound) {
    const hint = err.suggestions.length
      ? ` Did you mean ${err.suggestions.map((s) => `"${s}"`).join(' or ')}?`
      : '';
    return { text: `${capitalize(err.message)}.${hint}`, errorId: null, kind: 'not-found' };
  }
  if (err instanceof PermissionDenied) {
    ctx.logger.info(
      { command: err.commandName, rank: err.actualRank, required: err.requiredRank },
      'command denied by rank',
    );
    return { text: `Not allowed: ${err.message}.`, errorId: null, kind: 'denied' };
  }
  if (err instanceof IllegalArgument || err instanceof TokenizeError) {
    const usage = (err instanceof IllegalArgument ? err.usage : null) ?? ctx.usage;
    return {
      text: usage ? `${capitalize(err.message)}\nUsage: ${usage}` : capitalize(err.message),
      errorId: null,
      kind: 'usage',
    };
  }
  if (err instanceof InputTimeout)
    return { text: `Stopped waiting: ${err.message}.`, errorId: null, kind: 'timeout' };
  if (err instanceof CommandCancelled)
    return { text: `Stopped (${err.reason}).`, errorId: null, kind: 'cancelled' };
  if (err instanceof NotAvailable)
    return { text: `${capitalize(err.message)}.`, errorId: null, kind: 'unavailable' };
  // errors that carry a sentence for users (a guild's damaged database): that, the rest to the log
  if (err instanceof Error && typeof (err as { userMessage?: unknown }).userMessage === 'string') {
    ctx.logger.warn({ err, command: ctx.command }, 'command could not run');
    return { text: (err as Error & { userMessage: string }).userMessage, errorId: null, kind: 'unavailable' };
  }

  const errorId = newErrorId();
  ctx.logger.error(
    { err, errorId, command: ctx.command, author: ctx.msg.author.id },
    `command failed (error id ${errorId})`,
  );
  const what = ctx.command ? `"${ctx.command}"` : 'that command';
  let text = `Something went wrong running ${what} (error id ${errorId}).`;
  if (ctx.showCommandErrors && ctx.msg.rank === 1) {
    const stack = err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err);
    text += `\n\`\`\`\n${stack.replaceAll('```', "'''")}\n\`\`\``;
  }
  return { text, errorId, kind: 'internal' };
}

function capitalize(s: string): string {
  return s.length ? s[0]!.toUpperCase() + s.slice(1) : s;
}
