import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import readline from 'node:readline';
import type { ConfigPath } from '../runtime/config/config-manager';
import { createLogging } from '../runtime/logging/logging';
import { defaultDataDir } from '../runtime/paths';
import type { ChildLauncher } from '../supervisor/child-handle';
import { nodeChildLauncher } from '../supervisor/node-child';
import { STALL_FILE } from '../supervisor/stall-file';
import { ClusterSupervisor } from '../supervisor/cluster-supervisor';
import { startPanelServer } from '../web/panel-server';
import type { WebServer } from '../web/web-server';
import { parseCliArgs, UsageError, USAGE } from './args';
import { openBrowser } from './open-browser';

export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  cwd: string;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM). */
  onSignal?: (handler: (signal: string) => void) => () => void;
  /**
   * A person types the console's input: run each line at once, while earlier commands run.
   * Default: whether `stdin` is a TTY (piped input runs line after line, like a script).
   */
  interactive?: boolean;
}

export interface CliEnvironment {
  appName: string;
  appVersion: string;
  /** Built renderer for browser mode. */
  rendererDir: string;
  /** Environment variables (DISCORD_TOKEN). */
  environment?: Record<string, string | undefined>;
  /** The runtime process entry (src/main/runtime-host/main.ts, or the built runtime-host.js). */
  runtimeEntry: string;
  /** Starts runtime processes (default: child_process.fork of `runtimeEntry`). */
  launcher?: ChildLauncher;
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
export const EXIT_CONFIG = 78;

/**
 * The headless entry: parses flags, then supervises the runtime process (src/main/supervisor)
 * until EOF or a signal, serving the panel and the console on its behalf. Returns the exit code.
 */
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
  // merged into the configured entries when the runtime loads its config (they override only
  // what they name)
  const ircFlags = args.irc.length
    ? { servers: args.irc, nick: args.ircNick, channels: args.ircChannels }
    : null;
  if (args.rpc) overrides['rpc.enabled'] = true;
  if (args.rpcPort !== null) overrides['rpc.port'] = args.rpcPort;
  if (args.rpcNoAuth) overrides['rpc.auth'] = false;
  const dataDir = path.resolve(io.cwd, args.dataDir ?? defaultDataDir(io.cwd));
  const commandsDir = path.resolve(io.cwd, args.commandsDir ?? 'commands');
  // The supervisor's own log lines (restarts, stalls) go to stderr like the runtime's.
  const logging = createLogging({ level: args.logLevel ?? 'info', console: io.stderr, ringCapacity: 1_000 });
  const logger = logging.child('supervisor');
  // one runtime process per cluster of Discord shards (one in all for an unsharded bot)
  const supervisor = new ClusterSupervisor({
    launch: {
      dataDir,
      commandsDir,
      configOverrides: overrides,
      ircFlags,
      app: { name: env.appName, version: env.appVersion, mode: 'browser', electronVersion: null },
      panel: args.panel,
      console: args.console,
      // a terminal runs lines concurrently (answering ask() prompts); piped input runs in order
      interactive: io.interactive ?? (io.stdin as { isTTY?: boolean }).isTTY === true,
      logConsole: true,
      stallFile: path.join(dataDir, STALL_FILE),
    },
    spawn: env.launcher ?? nodeChildLauncher({ entry: env.runtimeEntry, output: io.stderr }),
    logger,
    // With --console, stdout carries only command responses; everything else goes to stderr.
    stdout: (text) => void io.stdout.write(text),
  });

  const say = args.console ? err : (line: string): void => void io.stdout.write(`${line}\n`);
  let web: WebServer | null = null;
  let exitCode = EXIT_OK;
  let resolveDone!: () => void;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  let finishing = false;
  const finish = async (code: number): Promise<void> => {
    if (finishing) return;
    finishing = true;
    exitCode = Math.max(exitCode, code);
    try {
      await web?.close();
    } finally {
      resolveDone();
    }
  };
  const shutdown = async (reason: string): Promise<void> => {
    await finish(await supervisor.stop(reason));
  };
  supervisor.onEnd((code) => {
    const status = supervisor.status();
    if (status.state === 'gave-up') {
      err(`error: ${status.message ?? 'the runtime is down'}`);
      // with the panel open, keep serving it (its banner says why) until a signal
      if (args.panel && !args.console) {
        exitCode = EXIT_FAILURE;
        return;
      }
    }
    void finish(code);
  });
  // Ctrl-C on the console: the runtime cancels the newest running invocation when there is one
  // (its policy); otherwise, and on SIGTERM, the supervisor shuts down.
  const offSignal = io.onSignal?.((signal) => {
    if (signal !== 'SIGINT' || !args.console) return void shutdown(signal);
    void supervisor.interrupt().then((handled) => {
      if (!handled) void shutdown(signal);
    });
  });

  const outcome = await supervisor.start();
  if (!outcome.ok) {
    offSignal?.();
    return outcome.exitCode;
  }
  try {
    if (args.panel) {
      const staticDir = existsSync(path.join(env.rendererDir, 'index.html')) ? env.rendererDir : null;
      if (!staticDir)
        err(`warning: the panel is not built (${env.rendererDir}); run \`npm run build\` first.`);
      web = await startPanelServer({
        dataDir,
        api: supervisor.api,
        logger: logging.child('web'),
        staticDir,
        port: args.panelPort ?? supervisor.runtimeSettings.panelPort,
      });
      say(`Panel: ${web.url}`);
      if (args.open) openBrowser(web.url, (why) => err(`(not opening a browser: ${why})`));
    }
    if (args.console) {
      const rl = readline.createInterface({ input: io.stdin, crlfDelay: Infinity, terminal: false });
      rl.on('line', (line) => supervisor.consoleLine(line));
      rl.on('close', () => supervisor.consoleEnd());
    } else if (!args.panel) {
      err('Bot running headless (no --console, no --panel). Stop with Ctrl-C.');
    }
  } catch (e) {
    logger.fatal({ err: e }, 'failed to start');
    err(`error: ${(e as Error).message}`);
    exitCode = EXIT_FAILURE;
    await shutdown('start failed');
  }
  await done;
  offSignal?.();
  return exitCode;
}
