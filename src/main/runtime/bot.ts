import path from 'node:path';
import type { LogLevel } from '../../shared/dto/log';
import type { BotState, Status } from '../../shared/dto/status';
import { ConsoleAdapter } from './adapters/console/console-adapter';
import { createNetworkAdapters } from './adapters/network-adapters';
import type { Adapter, IncomingMessage } from './adapters/types';
import { AuditLog } from './audit/audit-log';
import { auditQuarantines } from './audit/quarantine-audit';
import type { BotStats, ClientInfo } from './cmdsys/api/environment';
import { CommandSystem } from './cmdsys/command-system';
import { installProcessGuards } from './cmdsys/guards/process-guards';
import type { Invocation } from './cmdsys/executor/invocation';
import { ConfigManager, type ConfigPath } from './config/config-manager';
import { AudioSystem, type AudioSystemOptions } from './audio/audio-system';
import { audioCommands } from './audio/commands/audio-commands';
import { DatabaseManager } from './database/database-manager';
import { managerOptionsFor } from './database/engine-choice';
import { GuildPrefixes } from './guild-settings/guild-prefixes';
import { prefixCommands } from './guild-settings/prefix-commands';
import { CleanupRegistry, type CleanupReport } from './lifecycle/cleanup-registry';
import { openLogFile, type LogFile } from './logging/log-file';
import { createLogging, type Logger, type Logging } from './logging/logging';
import { configFileOf } from './paths';
import { EventBus } from './events/event-bus';
import { ImageStore } from './imagelib/image-store';
import { RpcRegistry } from './rpc/rpc-registry';
import { RpcService } from './rpc/rpc-service';
import { createLookups } from './rpc/lookups';
import { registerCoreHandlers } from './rpc/core-handlers';
import { invokeAsConsole } from './rpc/invoke-as-console';
import { MiddlewareRegistry } from './pipeline/middleware-registry';
import { Pipeline } from './pipeline/pipeline';
import { Listeners } from './util/listeners';
import { RuntimeMetrics } from './metrics/runtime-metrics';
import type { ClusterAssignment } from '../../shared/process/cluster';
import { ShardingHub } from './sharding/sharding-hub';
import { DiscordAdapter } from './adapters/discord/discord-adapter';

export interface BotOptions {
  dataDir: string;
  commandsDir: string;
  /**
   * Overrides applied on top of the config file, never written back (from CLI flags). A function
   * value gets the file's value for that key and returns the effective one.
   */
  configOverrides?: Partial<Record<ConfigPath, unknown>>;
  /** Human log output: stderr by default, `false` for none. */
  logConsole?: NodeJS.WritableStream | false;
  logPretty?: boolean;
  /** The rolling log file (`Bot.create` opens it from `logging.filesKept`). */
  logFile?: LogFile | null;
  /** Audio overrides (tests: an unpaced console sink, no sample sounds). */
  audio?: Pick<AudioSystemOptions, 'samplesDir' | 'consoleSink'>;
  /** The shards this process holds (a cluster under the supervisor); absent: every shard. */
  cluster?: ClusterAssignment | null;
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
  /** The loopback RPC server (runs when `rpc.enabled`). */
  readonly rpcService: RpcService;
  readonly commands: CommandSystem;
  readonly pipeline: Pipeline;
  /** The ORM's databases (one per guild + global) under the data dir. */
  readonly database: DatabaseManager;
  /** Per-guild command prefixes (`prefix set`). */
  readonly prefixes: GuildPrefixes;
  /** Players, queues and outputs per guild (this.env.audio, the audio commands, the Audio view). */
  readonly audio: AudioSystem;
  /** Audit entries and channels per guild (`Command.log`, `this.env.audit.record`). */
  readonly audit: AuditLog;
  /** Images sent where they cannot be shown inline (console, IRC): `<dataDir>/images`. */
  readonly images: ImageStore;
  /** The Status view's time series (rates, memory, event-loop lag, adapter latency). */
  readonly metrics: RuntimeMetrics;
  /** This cluster's end of the cross-cluster API (`this.env.shards`, re-shard requests). */
  readonly sharding: ShardingHub;
  private readonly adapters = new Map<string, Adapter>();
  private readonly statusListeners: Listeners<Status>;
  private currentState: BotState = 'stopped';
  private startedAt: number | null = null;
  private lastError: string | null = null;
  private stopping: Promise<void> | null = null;
  private uninstallGuards: (() => void) | null = null;
  private unwatchConfig: (() => void) | null = null;
  private readonly logFile: LogFile | null;

  private constructor(options: BotOptions, config: ConfigManager) {
    this.dataDir = options.dataDir;
    this.commandsDir = options.commandsDir;
    this.config = config;
    this.logFile = options.logFile ?? null;
    this.logging = createLogging({
      level: config.get('logging.level'),
      ringCapacity: config.get('logging.ringSize'),
      ringBytes: config.get('logging.ringBytes'),
      ...(options.logFile ? { file: options.logFile.stream } : {}),
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
    this.prefixes = new GuildPrefixes(this.database);
    this.audio = new AudioSystem({
      ...options.audio,
      dataDir: this.dataDir,
      config,
      database: this.database,
      logger: this.logging.child('audio'),
      adapterOf: (id) => this.adapters.get(id),
      onEvent: (event, payload) => {
        if (this.events.has(event)) this.events.trigger(event, payload);
      },
    });
    this.audit = new AuditLog({
      database: this.database,
      adapterOf: (id) => this.adapters.get(id),
      retentionDays: () => config.get('audit.retentionDays'),
      logger: this.logging.child('audit'),
    });
    this.images = new ImageStore(path.join(this.dataDir, 'images'));
    const stats = this.stats();
    this.sharding = new ShardingHub({
      assignment: options.cluster ?? null,
      guilds: () => stats.guilds,
      clients: () => this.clientInfos(),
    });
    this.commands = new CommandSystem({
      commandsDir: this.commandsDir,
      dataDir: this.dataDir,
      bus: this.events,
      logging: this.logging,
      config,
      cleanup: this.cleanup,
      adapterOf: (id) => this.adapters.get(id),
      builtins: [...audioCommands(this.audio), ...prefixCommands(this.prefixes)],
      auditLog: this.audit,
      environment: {
        clients: () => this.clientInfos(),
        database: this.database,
        config,
        audio: this.audio.api,
        rpc: this.rpc,
        rpcAvailable: () => this.rpcService.running,
        rpcClientInfo: () => this.rpcService.clientInfo(),
        audit: this.audit,
        stats,
        shards: this.sharding.api,
        middleware,
        logger: this.logging.child('env'),
        rawLines: () =>
          new Map([...this.adapters].flatMap(([id, a]) => (a.raw ? [[id, a.raw] as const] : []))),
        adapterOf: (id) => this.adapters.get(id),
        acceptsConnect: () => this.currentState === 'running' || this.currentState === 'starting',
      },
    });
    this.pipeline = new Pipeline({
      config,
      commands: this.commands,
      middleware,
      logging: this.logging,
      adapterOf: (id) => this.adapters.get(id),
      guildPrefixes: this.prefixes,
    });
    this.console = new ConsoleAdapter(this.logging.child('adapter:console'));
    this.registerAdapter(this.console);
    // a command that threw after it started: its trace turns "failed" (the panel shows it)
    this.events.on('command_failed', (e) => this.pipeline.markFailed(e.invocation.id, e.error, e.errorId));
    const { executor } = this.commands; // the console shows which command its next line answers
    executor.onChange(() => this.console.showWaiting(executor.waitingForInput(this.console.id)));
    const catalog = {
      list: () => this.commands.registry.list().map((entry) => entry.command),
      onReload: (listener: () => void) => this.commands.loader.onReload(listener),
    };
    const cluster = options.cluster ? { cluster: options.cluster } : {};
    for (const adapter of createNetworkAdapters(config.all(), catalog, cluster))
      this.registerAdapter(adapter);
    this.wireSharding();
    this.rpcService = this.createRpcService(config);
    this.metrics = new RuntimeMetrics({
      latencies: () => this.adapterList().flatMap((a) => (a.network === 'console' ? [] : [a.status()])),
      commandsStarted: () => executor.startedCount,
    });
    this.logging.ring.subscribe((e) =>
      e.level === 'error' || e.level === 'fatal' ? this.metrics.count('errors') : undefined,
    );
    auditQuarantines(this.commands.loader, this.audit);
    config.onChange(({ paths, config: next }) => {
      if (paths.includes('logging.level')) this.logging.setLevel(next.logging.level);
    });
    config.onExternalEdit((edit) => {
      if (edit.ok) this.logger.info({ paths: edit.paths }, 'config.json edited on disk; loaded');
      else
        this.logger.warn(
          { key: edit.key, error: edit.error },
          'config.json edited on disk but invalid; kept the previous config, file left as is',
        );
    });
  }

  /**
   * The Discord adapter's side of sharding: its per-shard figures feed the cluster figures the
   * supervisor shows, and a 4011 it cannot handle alone (it runs a supervisor's assignment)
   * becomes a re-shard request to the supervisor.
   */
  private wireSharding(): void {
    const discord = [...this.adapters.values()].find((a): a is DiscordAdapter => a instanceof DiscordAdapter);
    if (!discord) return;
    this.sharding.setShardSource(() =>
      discord
        .shardStatus()
        .map((s) => ({ shardId: s.id, state: s.state, latencyMs: s.pingMs, guilds: s.guilds })),
    );
    // `discord.shards: "auto"` resolved to more shards than one cluster holds: the supervisor
    // splits them into clusters (a one-process bot keeps them all in its one client)
    this.events.on('ready', ({ adapterId }) => {
      const plan = discord.shards;
      const perCluster = this.config.get('discord.shardsPerCluster');
      if (adapterId !== discord.id || plan?.source !== 'auto' || plan.shardCount <= perCluster) return;
      const reason = `discord.shards is "auto" and Discord recommends ${plan.shardCount} shards, more than one cluster holds (${perCluster})`;
      if (this.sharding.requestReshard(plan.shardCount, reason)) this.logger.info(reason);
    });
    this.events.on('discord_reshard_needed', (e) => {
      if (!e.supervised) return; // a one-process bot re-shards itself
      const reason = `Discord closed shard ${e.shardId} with 4011 (too many guilds for ${e.from} shards)`;
      if (!this.sharding.requestReshard(e.to, reason))
        this.logger.error(
          { from: e.from, to: e.to },
          `${reason}, and no supervisor can re-shard the clusters`,
        );
    });
  }

  /**
   * Opens the data dir's config and builds the runtime. Rejects with ConfigError when the
   * config file is invalid: the bot refuses to start rather than guess.
   */
  static async create(options: BotOptions): Promise<Bot> {
    const dataDir = path.resolve(options.dataDir);
    const config = await ConfigManager.open(configFileOf(dataDir), options.configOverrides ?? {});
    const filesKept = config.get('logging.filesKept');
    const logFile =
      options.logFile !== undefined || filesKept === 0
        ? (options.logFile ?? null)
        : await openLogFile({ dataDir, filesKept, maxMb: config.get('logging.fileMaxMb') });
    return new Bot({ ...options, dataDir, commandsDir: path.resolve(options.commandsDir), logFile }, config);
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
    // uncaught faults of command files are attributed, counted and survived; others logged
    this.uninstallGuards ??= installProcessGuards({
      claim: (err, kind) => this.commands.loader.claimFault(err, kind),
      unclaimed: (err, kind) => this.logger.error({ err }, `${kind} outside any command file (bug)`),
    });
    try {
      await this.commands.reload();
      this.commands.startWatching();
      await this.audio.start();
      this.unwatchConfig = this.config.watch();
      this.metrics.start();
      for (const adapter of this.adapters.values()) await adapter.start();
      await this.rpcService.start();
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
    this.rpcService.beginShutdown(); // RPC clients get 503 from here on
    this.unwatchConfig?.();
    this.metrics.stop();
    let report: CleanupReport | null = null;
    // clean-up handlers run before the command files are unloaded: unloading unregisters them
    await this.commands.shutdown(drain ? this.config.get('commands.timeoutMs') : 0, async () => {
      report = await this.cleanup.runAll(this.config.get('commands.cleanupTimeoutMs'));
    });
    await this.audio.shutdown(); // saves the queues while the databases are open
    for (const adapter of [...this.adapters.values()].reverse()) {
      try {
        await adapter.stop();
      } catch (err) {
        this.logger.error({ err, adapter: adapter.id }, 'adapter failed to stop');
      }
    }
    await this.rpcService.stop();
    // last: clean-up handlers and adapters may still have written data
    await this.database.close();
    this.logger.info({ cleanup: report }, 'bot stopped');
    this.startedAt = null;
    this.uninstallGuards?.();
    this.uninstallGuards = null;
    await this.logFile?.flush();
    this.setState('stopped');
  }

  private createRpcService(config: ConfigManager): RpcService {
    registerCoreHandlers(this.rpc, {
      commands: () =>
        this.commands.registry.list().map(({ command: c, file }) => {
          const name = c.module ? `${c.module} ${c.name}` : c.name;
          return { name, desc: c.desc, usage: c.usage, minRank: c.minRank, file };
        }),
      invoke: (line, rank) => invokeAsConsole(this.console, line, rank),
      invokeRank: () => config.get('rpc.invokeRank'),
      reload: () => this.commands.reload(),
      status: () => ({ bot: this.status(), rpc: this.rpcService.status() }),
    });
    return new RpcService({
      dataDir: this.dataDir,
      config: () => config.get('rpc'),
      onConfigChange: (listener) =>
        config.onChange(({ paths }) => {
          if (paths.some((p) => p === 'rpc' || p.startsWith('rpc.'))) listener();
        }),
      registry: this.rpc,
      lookups: createLookups(() => this.adapters.values()),
      logger: this.logging.child('rpc'),
      changed: () => this.statusListeners.emit(this.status()),
    });
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
      images: this.images,
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
    this.metrics.count('messages');
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

  private clientInfos(): Map<string, ClientInfo> {
    return new Map(
      [...this.adapters.values()].map((a) => [
        a.id,
        { id: a.id, network: a.network, native: a.native ?? null },
      ]),
    );
  }

  /** Uptime, guild count and commands run, as commands see them (`this.env.stats`). */
  private stats(): BotStats {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- getters read the live bot
    const bot = this;
    return {
      get uptimeMs() {
        return bot.startedAt ? Date.now() - bot.startedAt : 0;
      },
      get guilds() {
        return [...bot.adapters.values()].reduce((n, a) => n + a.status().guilds, 0);
      },
      get commandsRun() {
        // counted by the executor: a bus listener here would make every command pay for a trigger
        return bot.commands.executor.startedCount;
      },
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
