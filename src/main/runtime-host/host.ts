import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import type { RuntimeLaunch, StallRecord, ToRuntime } from '../../shared/process/runtime-messages';
import { createApi, type Api } from '../api/api';
import { INTERRUPT_NOTES, InterruptPolicy } from '../runtime/adapters/console/interrupt-policy';
import { Bot } from '../runtime/bot';
import { ConfigError } from '../runtime/config/config-error';
import type { ConfigPath } from '../runtime/config/config-manager';
import { mergeIrcServers } from '../runtime/config/irc-flags';
import type { Config } from '../runtime/config/schema';
import { setUserCodeSink, type UserCodeEntry } from '../runtime/lifecycle/user-code';
import { absorbClusterLogs, ClusterLogForwarder } from '../runtime/sharding/cluster-logs';
import { ClusterReload } from '../runtime/sharding/cluster-reload';
import type { ParentChannel } from './channel';
import { startWatchdog, type Watchdog } from './watchdog';

export const HEARTBEAT_MS = 250;
/** How often a cluster reports its figures (guilds, memory, events/s) to the supervisor. */
export const FIGURES_MS = 2_000;
const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_CONFIG = 78;

/** The first command file a (source-mapped) stack runs through, relative to the commands dir. */
export function commandFileInStack(stack: string, commandsDir: string): string | null {
  const prefix = commandsDir.endsWith(path.sep) ? commandsDir : commandsDir + path.sep;
  for (const match of stack.matchAll(/([^\s()]+):\d+:\d+/g)) {
    const file = match[1]!;
    if (file.startsWith(prefix)) return file.slice(prefix.length).split(path.sep).join('/');
  }
  return null;
}

/**
 * Connects the bot's sharding hub to the supervisor (broadcasts and re-shard requests go up)
 * and reports the cluster's figures every 2 s. Returns the stop function.
 */
function linkSharding(bot: Bot, channel: ParentChannel, reload: ClusterReload): () => void {
  bot.sharding.attach({
    broadcast: (id, source, context, timeoutMs) =>
      channel.send({ type: 'broadcast', id, source, context, timeoutMs }),
    reshardNeeded: (shardCount, reason) => channel.send({ type: 'reshard-needed', shardCount, reason }),
  });
  let events = bot.events.triggered;
  let at = Date.now();
  const report = (): void => {
    const now = Date.now();
    const perSec = ((bot.events.triggered - events) * 1000) / Math.max(1, now - at);
    events = bot.events.triggered;
    at = now;
    channel.send({ type: 'cluster-figures', figures: bot.sharding.figures(perSec) });
  };
  const timer = setInterval(report, FIGURES_MS);
  timer.unref();
  // clusters other than 0 have no panel: their log lines go to cluster 0's Logs view
  const logs =
    bot.sharding.assignment.clusterId !== 0
      ? new ClusterLogForwarder(bot.logging.ring, (entries) =>
          channel.send({ type: 'cluster-logs', entries }),
        )
      : null;
  return () => {
    clearInterval(timer);
    logs?.dispose();
    bot.sharding.dispose();
    reload.dispose();
  };
}

/**
 * The runtime process: builds the Bot and its api exactly as the in-process entries did, and
 * speaks the supervisor protocol: relays router calls and event frames, console lines and
 * responses, heartbeats and the running command-file entry. Resolves with the exit code.
 */
export async function runRuntimeHost(
  launch: RuntimeLaunch,
  channel: ParentChannel,
  stderr: NodeJS.WritableStream,
): Promise<number> {
  const err = (line: string): void => void stderr.write(`${line}\n`);
  let watchdog: Watchdog | null = null;
  let entry: UserCodeEntry | null = null;
  let fatal: Error | null = null;
  let stopping = false;

  // Crash evidence for the supervisor: what ran, and the fatal error, written synchronously as
  // the process dies (an IPC message sent from an 'exit' handler may never leave).
  let bot: Bot | null = null;
  process.on(
    'uncaughtExceptionMonitor',
    (error) => (fatal = error instanceof Error ? error : new Error(String(error))),
  );
  process.on('exit', (code) => {
    if (stopping) return;
    const stack = fatal?.stack ? (bot?.commands.loader.mapStack(fatal.stack) ?? fatal.stack) : null;
    const record: StallRecord = {
      pid: process.pid,
      kind: 'exit',
      entry,
      stack,
      stackFile: stack ? commandFileInStack(stack, launch.commandsDir) : null,
      message: fatal ? `${fatal.name}: ${fatal.message}` : `process.exit(${code}) called`,
    };
    try {
      writeFileSync(`${launch.stallFile}.tmp`, JSON.stringify(record));
      renameSync(`${launch.stallFile}.tmp`, launch.stallFile);
    } catch {
      // nothing more can be done while exiting; the supervisor reports an unknown culprit
    }
  });
  // Ctrl-C in a terminal reaches the whole process group: the supervisor decides what it means.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => undefined);
  // Listen at once: a message with no listener is lost (a stop during start-up must not be).
  const early: ToRuntime[] = [];
  let handle: (message: ToRuntime) => void = (message) => void early.push(message);
  channel.onMessage((message) => handle(message));
  channel.onDisconnect(() => handle({ type: 'stop', reason: 'supervisor gone', drain: false }));

  try {
    bot = await Bot.create({
      dataDir: launch.dataDir,
      commandsDir: launch.commandsDir,
      configOverrides: {
        ...(launch.configOverrides as Partial<Record<ConfigPath, unknown>>),
        ...(launch.ircFlags && {
          'irc.servers': (configured: Config['irc']['servers']) =>
            mergeIrcServers(configured, launch.ircFlags!),
        }),
      },
      logConsole: launch.logConsole ? stderr : false,
      cluster: launch.cluster,
    });
  } catch (e) {
    if (e instanceof ConfigError) {
      err(`error: ${e.message}`);
      err('The bot refuses to start with an invalid config. Fix the file or delete it to get the defaults.');
      channel.send({ type: 'start-failed', exitCode: EXIT_CONFIG, message: e.message });
      stopping = true;
      return EXIT_CONFIG;
    }
    throw e;
  }
  const theBot = bot;
  const config = theBot.config;
  const stallTimeoutMs = config.get('runtime.stallTimeoutMs');
  channel.send({
    type: 'config',
    stallTimeoutMs,
    cleanupTimeoutMs: config.get('commands.cleanupTimeoutMs'),
    commandTimeoutMs: config.get('commands.timeoutMs'),
    panelPort: config.get('panel.port'),
  });
  if (launch.previous)
    theBot.logger.warn({ previous: launch.previous }, `runtime restarted: ${launch.previous}`);

  watchdog = startWatchdog({ stallFile: launch.stallFile, blockedMs: Math.min(1_000, stallTimeoutMs / 2) });
  const beat = setInterval(() => {
    watchdog?.beat();
    channel.send({ type: 'heartbeat' });
  }, HEARTBEAT_MS);
  beat.unref();
  setUserCodeSink((next) => {
    entry = next;
    watchdog?.publish(next);
    channel.send({ type: 'entry', entry: next });
  });

  const onUnhandled = (reason: unknown): void =>
    theBot.logger.error({ err: reason }, 'unhandled promise rejection (bug)');
  process.on('unhandledRejection', onUnhandled);

  const clusterReload = new ClusterReload(theBot.commands.loader, {
    gate: (id, force, failed) => channel.send({ type: 'reload-gate', id, force, failed }),
    prepared: (id, failed) => channel.send({ type: 'reload-prepared', id, failed }),
  });
  const stopFigures = linkSharding(theBot, channel, clusterReload);
  const api: Api | null = launch.panel ? createApi(theBot, { app: launch.app }) : null;
  api?.events.subscribe((frame) => channel.send({ type: 'frame', frame }));

  let exitCode = EXIT_OK;
  let resolveDone!: () => void;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  const shutdown = async (reason: string, drain: boolean): Promise<void> => {
    if (stopping) return;
    stopping = true;
    try {
      await theBot.stop(reason, { drain });
      api?.dispose();
    } catch (e) {
      theBot.logger.error({ err: e }, 'shutdown failed');
      exitCode = EXIT_FAILURE;
    } finally {
      resolveDone();
    }
  };

  const consoleInput = new PassThrough();
  const consoleOutput = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      channel.send({ type: 'stdout', text: chunk.toString() });
      callback();
    },
  });
  const interrupts = new InterruptPolicy();
  handle = (message) => {
    switch (message.type) {
      case 'call':
        if (!api) {
          channel.send({
            type: 'result',
            id: message.id,
            result: { ok: false, error: { code: 'UNAVAILABLE', message: 'the panel api is not enabled' } },
          });
          return;
        }
        void api.router
          .call(message.method, message.input, { transport: message.transport })
          .then((result) => {
            channel.send({ type: 'result', id: message.id, result });
          });
        return;
      case 'console-line':
        consoleInput.write(`${message.line}\n`);
        return;
      case 'console-end':
        consoleInput.end();
        return;
      case 'interrupt': {
        // Ctrl-C on the console (the console's policy): cancel the newest running command, or ask
        // for a second press; `handled: false` lets the supervisor shut down.
        let handled = false;
        if (launch.console) {
          const { executor } = theBot.commands;
          const action = interrupts.press(executor.runningCount);
          if (action === 'cancel-newest' && !executor.cancelNewest('Ctrl-C')) {
            err(INTERRUPT_NOTES['confirm-quit']); // it ended meanwhile
            handled = true;
          } else {
            err(INTERRUPT_NOTES[action]);
            handled = action !== 'quit';
          }
        }
        channel.send({ type: 'interrupted', id: message.id, handled });
        return;
      }
      case 'stop':
        void shutdown(message.reason, message.drain);
        return;
      case 'eval':
        void theBot.sharding
          .evaluate(message.source, message.context, message.timeoutMs)
          .then((result) => channel.send({ type: 'eval-result', id: message.id, result }));
        return;
      case 'broadcast-result':
        theBot.sharding.resolveBroadcast(message.id, message.results);
        return;
      case 'reload-prepare':
        clusterReload.prepare(message.id, message.force);
        return;
      case 'reload-commit':
        clusterReload.commit(message.id, message.hold);
        return;
      case 'cluster-logs':
        absorbClusterLogs(theBot.logging.ring, message.clusterId, message.entries);
        return;
    }
  };
  for (const message of early.splice(0)) handle(message);

  try {
    // asked to stop while the config was read: do not start at all
    if (!stopping) await theBot.start();
    if (!stopping) channel.send({ type: 'running', pid: process.pid });
    // from now on (the supervisor relays only to running clusters) cluster 0 reloads them all
    const { clusterId, clusterCount } = theBot.sharding.assignment;
    if (clusterId === 0 && clusterCount > 1) clusterReload.gateEveryReload();
    if (launch.console && !stopping) {
      // EOF: let running commands finish (within their timeout), then the supervisor stops us.
      void theBot.console
        .attachStdin(consoleInput, consoleOutput, { interactive: launch.interactive, notes: stderr })
        .then(() => channel.send({ type: 'console-ended' }));
    }
  } catch (e) {
    theBot.logger.fatal({ err: e }, 'failed to start');
    err(`error: ${(e as Error).message}`);
    channel.send({ type: 'start-failed', exitCode: EXIT_FAILURE, message: (e as Error).message });
    exitCode = EXIT_FAILURE;
    await shutdown('start failed', false);
  }
  await done;
  clearInterval(beat);
  stopFigures();
  setUserCodeSink(null);
  process.off('unhandledRejection', onUnhandled);
  await watchdog.stop();
  channel.send({ type: 'stopped', exitCode });
  return exitCode;
}
