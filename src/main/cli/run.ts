import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { createApi } from '../api/api';
import { Bot } from '../runtime/bot';
import { ConfigError } from '../runtime/config/config-error';
import type { ConfigPath } from '../runtime/config/config-manager';
import type { Config } from '../runtime/config/schema';
import { defaultDataDir } from '../runtime/paths';
import { startWebServer, type WebServer } from '../web/web-server';
import { parseCliArgs, UsageError, USAGE } from './args';
import { mergeIrcServers } from './irc-flags';
import { openBrowser } from './open-browser';

export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  cwd: string;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM). */
  onSignal?: (handler: (signal: string) => void) => () => void;
}

export interface CliEnvironment {
  appName: string;
  appVersion: string;
  /** Built renderer for browser mode. */
  rendererDir: string;
  /** Environment variables (DISCORD_TOKEN). */
  environment?: Record<string, string | undefined>;
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
export const EXIT_CONFIG = 78;

/** The headless entry: parses flags, runs the bot until EOF or a signal, returns the exit code. */
export async function runCli(argv: string[], io: CliIo, env: CliEnvironment): Promise<number> {
  const err = (line: string): void => void io.stderr.write(`${line}\n`);
  let args;
  try {
    args = parseCliArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`error: ${e.message}\n`);
      err(USAGE);
      return EXIT_USAGE;
    }
    throw e;
  }
  if (args.help) {
    io.stdout.write(USAGE);
    return EXIT_OK;
  }

  const overrides: Partial<Record<ConfigPath, unknown>> = {};
  if (args.logLevel) overrides['logging.level'] = args.logLevel;
  if (args.triggers.length) overrides['pipeline.triggers'] = args.triggers;
  const discordToken = args.discordToken ?? env.environment?.DISCORD_TOKEN ?? null;
  if (discordToken) overrides['discord.token'] = discordToken;
  if (args.discordApi) overrides['discord.api'] = args.discordApi;
  if (args.irc.length) {
    // merged into the configured entries at load time (the flags override only what they name)
    const flags = { servers: args.irc, nick: args.ircNick, channels: args.ircChannels };
    overrides['irc.servers'] = (configured: Config['irc']['servers']) => mergeIrcServers(configured, flags);
  }
  if (args.rpc) overrides['rpc.enabled'] = true;
  if (args.rpcPort !== null) overrides['rpc.port'] = args.rpcPort;
  if (args.rpcNoAuth) overrides['rpc.auth'] = false;
  let bot: Bot;
  try {
    bot = await Bot.create({
      dataDir: path.resolve(io.cwd, args.dataDir ?? defaultDataDir(io.cwd)),
      commandsDir: path.resolve(io.cwd, args.commandsDir ?? 'commands'),
      configOverrides: overrides,
      logConsole: io.stderr,
    });
  } catch (e) {
    if (e instanceof ConfigError) {
      err(`error: ${e.message}`);
      err('The bot refuses to start with an invalid config. Fix the file or delete it to get the defaults.');
      return EXIT_CONFIG;
    }
    throw e;
  }

  // The bot stays up: a promise rejection nobody handled is a bug to log, not a reason to die.
  const onUnhandled = (reason: unknown): void =>
    bot.logger.error({ err: reason }, 'unhandled promise rejection (bug)');
  process.on('unhandledRejection', onUnhandled);

  // With --console, stdout carries only command responses; everything else goes to stderr.
  const say = args.console ? err : (line: string): void => void io.stdout.write(`${line}\n`);
  let web: WebServer | null = null;
  const api = args.panel
    ? createApi(bot, {
        app: { name: env.appName, version: env.appVersion, mode: 'browser', electronVersion: null },
      })
    : null;
  let exitCode = EXIT_OK;
  let resolveDone!: () => void;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  let shuttingDown = false;
  const shutdown = async (reason: string, drain = false): Promise<void> => {
    if (shuttingDown) return;
    shuttingDown = true;
    try {
      await bot.stop(reason, { drain });
      api?.dispose();
      await web?.close();
    } catch (e) {
      bot.logger.error({ err: e }, 'shutdown failed');
      exitCode = EXIT_FAILURE;
    } finally {
      resolveDone();
    }
  };
  // Ctrl-C on the console cancels the newest running invocation; with nothing running (or a
  // second Ctrl-C within a second) it shuts down.
  let lastInterrupt = 0;
  const offSignal = io.onSignal?.((signal) => {
    const now = Date.now();
    const repeated = now - lastInterrupt < 1000;
    lastInterrupt = now;
    if (signal === 'SIGINT' && args.console && !repeated && bot.commands.executor.cancelNewest('Ctrl-C')) {
      err('(cancelled the newest command; Ctrl-C again to quit)');
      return;
    }
    void shutdown(signal);
  });

  try {
    await bot.start();
    if (api) {
      const staticDir = existsSync(path.join(env.rendererDir, 'index.html')) ? env.rendererDir : null;
      if (!staticDir)
        err(`warning: the panel is not built (${env.rendererDir}); run \`npm run build\` first.`);
      web = await startWebServer({
        api,
        logger: bot.logging.child('web'),
        staticDir,
        port: args.panelPort ?? bot.config.get('panel.port'),
      });
      say(`Panel: ${web.url}`);
      if (args.open) openBrowser(web.url, (why) => err(`(not opening a browser: ${why})`));
    }
    if (args.console) {
      // EOF: let running commands finish (within their timeout), then shut down cleanly.
      void bot.console.attachStdin(io.stdin, io.stdout).then(() => shutdown('end of input', true));
    } else if (!args.panel) {
      err('Bot running headless (no --console, no --panel). Stop with Ctrl-C.');
    }
  } catch (e) {
    bot.logger.fatal({ err: e }, 'failed to start');
    err(`error: ${(e as Error).message}`);
    exitCode = EXIT_FAILURE;
    await shutdown('start failed');
  }
  await done;
  offSignal?.();
  process.off('unhandledRejection', onUnhandled);
  return exitCode;
}
