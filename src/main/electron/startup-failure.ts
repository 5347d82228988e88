import { ConfigError } from '../runtime/config/config-error';

/** Same exit codes as the headless CLI (src/main/cli/run.ts). */
export const EXIT_FAILURE = 1;
export const EXIT_CONFIG = 78;

/** The runtime process reported that it cannot start (its exit code and why). */
export class RuntimeStartFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'RuntimeStartFailure';
  }
}

export interface StartupFailure {
  title: string;
  message: string;
  exitCode: number;
}

/** What the error dialog says when the bot cannot start, and the exit code to quit with. */
export function describeStartupFailure(err: unknown, productName: string): StartupFailure {
  if (err instanceof ConfigError || (err instanceof RuntimeStartFailure && err.exitCode === EXIT_CONFIG)) {
    return {
      title: `${productName} cannot start`,
      message:
        `${err.message}\n\nThe bot refuses to start with an invalid config. ` +
        'Fix the file or delete it to get the defaults, then start the app again.',
      exitCode: EXIT_CONFIG,
    };
  }
  const detail = err instanceof Error ? err.message : String(err);
  return {
    title: `${productName} cannot start`,
    message: `The bot failed to start: ${detail}\n\nSee the log output for details.`,
    exitCode: EXIT_FAILURE,
  };
}
