import path from 'node:path';
import type { LogLevel } from '../../shared/dto/log';
import type { BotState, Status } from '../../shared/dto/status';
import { ConsoleAdapter } from './adapters/console/console-adapter';
import { createNetworkAdapters } from './adapters/network-adapters';
import type { Adapter, IncomingMessage } from './adapters/types';
import { CommandSystem } from './cmdsys/command-system';
import type { Invocation } from './cmdsys/executor/invocation';
import { unavailableAudio } from './cmdsys/environment-factory';
import { ConfigManager, type ConfigPath } from './config/config-manager';
import { DatabaseManager } from './database/database-manager';
import { managerOptionsFor } from './database/engine-choice';
import { CleanupRegistry, type CleanupReport } from './lifecycle/cleanup-registry';
import { createLogging, type Logger, type Logging } from './logging/logging';
import { configFileOf } from './paths';
import { EventBus } from './events/event-bus';
import { RpcRegistry } from './rpc/rpc-registry';
import { MiddlewareRegistry } from './pipeline/middleware-registry';
import { Pipeline } from './pipeline/pipeline';
import { Listeners } from './util/listeners';

export interface BotOptions {
  dataDir: string;
  commandsDir: string;
  /** Overrides applied on top of the config file, never written back (from CLI flags). */
  configOverrides?: Partial<Record<ConfigPath, unknown>>;
  /** Human log output: stderr by default, `false` for none. */
  logConsole?: NodeJS.WritableStream | false;
  logPretty?: boolean;
}

const MB = 1024 * 1024;
const round1 = (n: number): number => Math.round(n * 10) / 10;

/**
 * The composition root: builds the runtime's pieces and owns the lifecycle
 * (start, stop with clean-up handlers, status). Plain Node; never imports electron.
 */
export class Bot {
  readonly dataDir: string;
  readonly commandsDir: string;
  readonly config: ConfigManager;
  readonly logging: Logging;
  readonly logger: Logger;
  readonly cleanup: CleanupRegistry;
  readonly console: ConsoleAdapter;
  readonly events: EventBus;
  readonly rpc: RpcRegistry;
  readonly commands: CommandSystem;
  readonly pipeline: Pipeline;
  /** The ORM's databases (one per guild + global) under the data dir. */
  readonly database: DatabaseManager;
  private readonly adapters = new Map<string, Adapter>();
  private readonly statusListeners: Listeners<Status>;
  private currentState: BotState = 'stopped';
  private startedAt: number | null = null;
  private lastError: string | null = null;
  private stopping: Promise<void> | null = null;

  private constructor(options: BotOptions, config: ConfigManager) {
    this.dataDir = options.dataDir;
    this.commandsDir = options.commandsDir;
    this.config = config;
    this.logging = createLogging({
      level: config.get('logging.level'),
      ringCapacity: config.get('logging.ringSize'),
      ...(options.logConsole !== undefined ? { console: options.logConsole } : {}),
      ...(options.logPretty !== undefined ? { pretty: options.logPretty } : {}),
    });
    this.logger = this.logging.child('runtime');
    this.statusListeners = new Listeners((err) => this.logger.error({ err }, 'status listener failed'));
    this.cleanup = new CleanupRegistry(this.logging.child('cleanup'));
    this.events = new EventBus(this.logging.child('events'));
    this.rpc = new RpcRegistry();
    const middleware = new MiddlewareRegistry(this.logging.child('pipeline'));
    this.database = new DatabaseManager({
      dataDir: this.dataDir,
      logger: this.logging.child('database'),
      ...managerOptionsFor(config.get('database'), this.logging.child('database')),
    });
    this.commands = new CommandSystem({
      commandsDir: this.commandsDir,
      bus: this.events,
      logging: this.logging,
      config,
      cleanup: this.cleanup,
      adapterOf: (id) => this.adapters.get(id),
      environment: {
        clients: () =>
          new Map(
            [...this.adapters.values()].map((a) => [
              a.id,
              { id: a.id, network: a.network, native: a.native ?? null },
            ]),
          ),
        database: this.database,
        config,
        audio: unavailableAudio,
        rpc: this.rpc,
        rpcAvailable: () => false,
        middleware,
        logger: this.logging.child('env'),
        rawLines: () =>
          new Map([...this.adapters].flatMap(([id, a]) => (a.raw ? [[id, a.raw] as const] : []))),
      },
    });
    this.pipeline = new Pipeline({
      config,
      commands: this.commands,
      middleware,
      logging: this.logging,
      adapterOf: (id) => this.adapters.get(id),
    });
    this.console = new ConsoleAdapter(this.logging.child('adapter:console'));
    this.registerAdapter(this.console);
    for (const adapter of createNetworkAdapters(config.all())) this.registerAdapter(adapter);
    config.onChange(({ paths, config: next }) => {
      if (paths.includes('logging.level')) this.logging.setLevel(next.logging.level);
    });
  }

  /**
   * Opens the data dir's config and builds the runtime. Rejects with ConfigError when the
   * config file is invalid: the bot refuses to start rather than guess.
   */
  static async create(options: BotOptions): Promise<Bot> {
    const dataDir = path.resolve(options.dataDir);
    const config = await ConfigManager.open(configFileOf(dataDir), options.configOverrides ?? {});
    return new Bot({ ...options, dataDir, commandsDir: path.resolve(options.commandsDir) }, config);
  }

  get state(): BotState {
    return this.currentState;
  }

  get configFile(): string {
    return this.config.file;
  }

  async start(): Promise<void> {
    if (this.currentState !== 'stopped') throw new Error(`cannot start: bot is ${this.currentState}`);
    this.setState('starting');
    try {
      await this.commands.reload();
      this.commands.startWatching();
      for (const adapter of this.adapters.values()) await adapter.start();
      this.startedAt = Date.now();
      this.setState('running');
      this.logger.info({ dataDir: this.dataDir, commandsDir: this.commandsDir }, 'bot running');
    } catch (err) {
      this.lastError = (err as Error).message;
      this.logger.error({ err }, 'bot failed to start');
      this.setState('failed');
      throw err;
    }
  }

  /**
   * Stops the bot: running invocations are cancelled (or, with `drain`, allowed to finish
   * within the command timeout), clean-up handlers run, adapters stop. Safe to call twice.
   */
  stop(reason = 'requested', options: { drain?: boolean } = {}): Promise<void> {
    this.stopping ??= this.doStop(reason, options.drain ?? false);
    return this.stopping;
  }

  private async doStop(reason: string, drain: boolean): Promise<void> {
    this.logger.info({ reason }, 'bot stopping');
    this.setState('stopping');
    let report: CleanupReport | null = null;
    // clean-up handlers run before the command files are unloaded: unloading unregisters them
    await this.commands.shutdown(drain ? this.config.get('commands.timeoutMs') : 0, async () => {
      report = await this.cleanup.runAll(this.config.get('commands.cleanupTimeoutMs'));
    });
    for (const adapter of [...this.adapters.values()].reverse()) {
      try {
        await adapter.stop();
      } catch (err) {
        this.logger.error({ err, adapter: adapter.id }, 'adapter failed to stop');
      }
    }
    // last: clean-up handlers and adapters may still have written data
    await this.database.close();
    this.logger.info({ cleanup: report }, 'bot stopped');
    this.startedAt = null;
    this.setState('stopped');
  }

  /** Adds an adapter (before start, or while running: then it is started too). */
  async addAdapter(adapter: Adapter): Promise<void> {
    this.registerAdapter(adapter);
    if (this.currentState === 'running') await adapter.start();
  }

  private registerAdapter(adapter: Adapter): void {
    if (this.adapters.has(adapter.id)) throw new Error(`adapter id already in use: ${adapter.id}`);
    this.adapters.set(adapter.id, adapter);
    adapter.attach({
      deliver: (msg) => this.handleMessage(msg),
      events: this.events,
      logging: this.logging,
      config: this.config,
      statusChanged: () => this.statusListeners.emit(this.status()),
    });
  }

  /** Every adapter, console first. */
  adapterList(): Adapter[] {
    return [...this.adapters.values()];
  }

  adapter(id: string): Adapter | undefined {
    return this.adapters.get(id);
  }

  /**
   * Every adapter delivers here: one message flow for every network. Resolves when the next
   * message from the same source may be handled (the command finished, loops or waits for input).
   */
  handleMessage(msg: IncomingMessage): void | Promise<void> {
    if (!this.adapters.has(msg.adapterId)) throw new Error(`message from unknown adapter ${msg.adapterId}`);
    if (this.events.has('message_received')) this.events.trigger('message_received', { msg });
    const processed = this.pipeline.process(msg);
    if (processed instanceof Promise)
      return processed.then((result) => this.afterMessage(msg, result.invocation));
    return this.afterMessage(msg, processed.invocation);
  }

  /** Waits (only when needed) until the command the message started or answered settles. */
  private afterMessage(msg: IncomingMessage, invocation: Invocation | null): void | Promise<void> {
    // an answer to ask(): wait for that command to ask again or end, as for a new command
    const current = invocation ?? this.commands.executor.answeredBy(msg);
    if (current && !current.hasSettled) return current.settled;
  }

  setLogLevel(level: LogLevel): void {
    this.config.setOverride('logging.level', level);
  }

  status(): Status {
    const mem = process.memoryUsage();
    return {
      state: this.currentState,
      startedAt: this.startedAt,
      uptimeMs: this.startedAt ? Date.now() - this.startedAt : 0,
      pid: process.pid,
      memory: {
        rssMb: round1(mem.rss / MB),
        heapUsedMb: round1(mem.heapUsed / MB),
        heapTotalMb: round1(mem.heapTotal / MB),
      },
      adapters: [...this.adapters.values()].map((a) => a.status()),
      commands: {
        loaded: this.commands.registry.size,
        failed: this.commands.loader.files().filter((f) => f.state === 'failed').length,
      },
      lastError: this.lastError,
    };
  }

  onStatus(listener: (status: Status) => void): () => void {
    return this.statusListeners.add(listener);
  }

  private setState(state: BotState): void {
    this.currentState = state;
    this.statusListeners.emit(this.status());
  }
}
