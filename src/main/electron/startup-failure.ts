import { ConfigError } from '../runtime/config/config-error';

/** Same exit codes as the headless CLI (src/main/cli/run.ts). */
export const EXIT_FAILURE = 1;
export const EXIT_CONFIG = 78;

export interface StartupFailure {
  title: string;
  message: string;
  exitCode: number;
}

/** What the error dialog says when the bot cannot start, and the exit code to quit with. */
export function describeStartupFailure(err: unknown, productName: string): StartupFailure {
  if (err instanceof ConfigError) {
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
