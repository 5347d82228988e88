import { formatDuration } from './duration';

/**
 * Wrong or missing arguments. The user sees the message and the command's usage line.
 * Throw it from `call` too when input is unacceptable.
 */
export class IllegalArgument extends Error {
  /** Usage line of the command, filled in by the executor when it reports the error. */
  usage: string | null = null;

  constructor(message: string) {
    super(message);
    this.name = 'IllegalArgument';
  }
}

/** No command by that name (or no such subcommand in a module). */
export class CommandNotFound extends Error {
  constructor(
    readonly commandName: string,
    /** Close matches for a did-you-mean hint. */
    readonly suggestions: string[] = [],
    message = `unknown command "${commandName}"`,
  ) {
    super(message);
    this.name = 'CommandNotFound';
  }
}

/** The caller's rank is not high enough (1 is the highest rank). */
export class PermissionDenied extends Error {
  constructor(
    readonly commandName: string,
    readonly requiredRank: number,
    readonly actualRank: number,
  ) {
    super(`"${commandName}" needs rank ${requiredRank} or higher; yours is ${actualRank}`);
    this.name = 'PermissionDenied';
  }
}

/** The invocation was cancelled (by `cancel`, the panel, Ctrl-C or a timeout). */
export class CommandCancelled extends Error {
  constructor(readonly reason: string) {
    super(`cancelled: ${reason}`);
    this.name = 'CommandCancelled';
  }
}

/** `ask()` got no answer in time. */
export class InputTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${formatDuration(timeoutMs)}`);
    this.name = 'InputTimeout';
  }
}

/** A subsystem whose issue has not landed yet (audio, RPC, …). */
export class NotAvailable extends Error {
  constructor(readonly feature: string) {
    super(`${feature} is not available yet`);
    this.name = 'NotAvailable';
  }
}

/** `env.send` / a reply handle could not reach its channel (unknown or stopped adapter). */
export class ChannelUnavailable extends Error {
  constructor(
    readonly adapterId: string,
    readonly channelId: string,
    reason: string,
  ) {
    super(`cannot send to channel "${channelId}" of "${adapterId}": ${reason}`);
    this.name = 'ChannelUnavailable';
  }
}
