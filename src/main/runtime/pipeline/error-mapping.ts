import type { Adapter, IncomingMessage } from '../adapters/types';
import { CommandNotFound } from '../cmdsys/api/errors';
import { reportCommandError } from '../cmdsys/executor/error-report';
import type { Config } from '../config/schema';
import type { Logger } from '../logging/logging';
import type { TraceOutcome } from './trace';
import { Stop, type TraceBuilder } from './trace-builder';

export interface ErrorMappingDeps {
  adapterOf(id: string): Adapter | undefined;
  config: Readonly<Config>;
  logger: Logger;
}

/**
 * The pipeline's error mapping: what the user is told about a message that stopped or failed,
 * whether anything is said at all (unknown commands follow `pipeline.unknownCommandReply`), and
 * the trace outcome.
 */
export function mapError(
  err: unknown,
  msg: IncomingMessage,
  t: TraceBuilder,
  deps: ErrorMappingDeps,
): TraceOutcome | Promise<TraceOutcome> {
  const say = (text: string, outcome: TraceOutcome): Promise<TraceOutcome> =>
    Promise.resolve(
      deps.adapterOf(msg.adapterId)?.send({ channel: msg.channel, text, replyTo: msg.id, isError: true }),
    ).then(
      () => outcome,
      (sendErr: unknown) => {
        deps.logger.warn({ err: sendErr }, 'could not send an error reply');
        return outcome;
      },
    );
  if (err instanceof Stop) {
    deps.logger.info(
      { reason: err.reason, author: msg.author.id, channel: msg.channel.id, trace: t.trace.id },
      'message rejected',
    );
    return err.reply ? say(err.reply, err.outcome) : err.outcome;
  }
  const { config } = deps;
  const report = reportCommandError(err, {
    msg,
    command: t.trace.command,
    usage: null,
    showCommandErrors: config.debug.showCommandErrors,
    logger: deps.logger,
  });
  const quiet =
    err instanceof CommandNotFound &&
    (config.pipeline.unknownCommandReply === 'never' ||
      (config.pipeline.unknownCommandReply === 'private' && !msg.isPrivate));
  t.stage(
    'error',
    report.kind,
    msg.text,
    quiet ? null : report.text,
    quiet ? 'unknown command (not answered here)' : null,
  );
  const outcome: TraceOutcome =
    report.kind === 'not-found' || report.kind === 'usage' || report.kind === 'denied'
      ? 'rejected'
      : 'failed';
  return quiet ? outcome : say(report.text, outcome);
}
