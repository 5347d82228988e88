import type { Adapter, IncomingMessage } from '../adapters/types';
import type { AuditLog } from '../audit/audit-log';
import type { ConfigManager } from '../config/config-manager';
import type { EventBus } from '../events/event-bus';
import type { CleanupRegistry } from '../lifecycle/cleanup-registry';
import type { Logging } from '../logging/logging';
import { BINDING } from './api/bindings';
import type { Command } from './api/command';
import * as cmdsysModule from './api/index';
import type { ArgumentResolver } from './api/refs';
import { createEnvironment, type EnvironmentBase } from './environment-factory';
import { createChannelSender } from './executor/channel-sender';
import { Executor } from './executor/executor';
import { auditCommands } from './internal/audit-commands';
import { configCommands } from './internal/config-commands';
import { connectionCommands } from './internal/connection-commands';
import { internalCommands } from './internal/internal-commands';
import { CommandLoader, type ReloadReport } from './loader/command-loader';
import { GenerationScope } from './loader/generation-scope';
import { CommandWatcher } from './loader/command-watcher';
import { CommandRegistry } from './registry/command-registry';
import { QuarantineStore } from './quarantine/quarantine-store';

export interface CommandSystemDeps {
  commandsDir: string;
  /** Holds quarantine.json (files kept out until changed or lifted); null: kept in memory. */
  dataDir: string | null;
  bus: EventBus;
  logging: Logging;
  config: ConfigManager;
  cleanup: CleanupRegistry;
  environment: EnvironmentBase;
  adapterOf(id: string): Adapter | undefined;
  /** More built-in commands from other subsystems (audio). */
  builtins?: Command[];
  /** Audit channels for the `auditlog` commands (absent: no such commands). */
  auditLog?: AuditLog;
}

/** Console-style resolution: any word is a user or channel of that name. */
export const plainResolver: ArgumentResolver = {
  resolveUser: async (text) => ({ id: text, name: text, displayName: text, mention: null }),
  resolveChannel: async (text) => ({ id: text.replace(/^#/, ''), name: text }),
};

/**
 * The command system: registry, loader (hot reload) and executor, plus the internal commands.
 * Adapters reach it through the pipeline; the panel through the api layer.
 */
export class CommandSystem {
  readonly registry = new CommandRegistry();
  readonly loader: CommandLoader;
  readonly executor: Executor;
  private readonly internalScope: GenerationScope;
  private lastReport: ReloadReport | null = null;
  private readonly watcher: CommandWatcher;
  private stopConfigWatch: (() => void) | null = null;

  constructor(private readonly deps: CommandSystemDeps) {
    // one base for every generation (handed-over names are keyed by it), with env.send added
    const base = { ...deps.environment, send: createChannelSender(deps.adapterOf) };
    this.loader = new CommandLoader({
      commandsDir: deps.commandsDir,
      registry: this.registry,
      bus: deps.bus,
      logging: deps.logging,
      cleanup: deps.cleanup,
      createEnvironment: (scope) => createEnvironment(base, scope),
      cmdsysModule,
      limits: () => {
        const { protectIntrinsics, syncTimeoutMs, setupTimeoutMs, faultLimit, faultWindowMs } =
          deps.config.all().guards;
        return { protectIntrinsics, syncTimeoutMs, setupTimeoutMs, faultLimit, faultWindowMs };
      },
      quarantine: deps.dataDir
        ? QuarantineStore.inDataDir(deps.dataDir, deps.logging.child('cmdsys:quarantine'))
        : null,
    });
    this.executor = new Executor({
      registry: this.registry,
      bus: deps.bus,
      logging: deps.logging,
      config: deps.config,
      adapterOf: deps.adapterOf,
      mapStack: (stack) => this.loader.mapStack(stack),
      resolverFor: (msg: IncomingMessage) => {
        const adapter = deps.adapterOf(msg.adapterId);
        return adapter?.resolver?.(msg) ?? plainResolver;
      },
    });
    this.internalScope = new GenerationScope(deps.bus, 'internal');
    const internals = [
      ...internalCommands({ registry: this.registry, loader: this.loader, executor: this.executor }),
      ...configCommands(deps.config),
      ...(deps.builtins ?? []),
      ...(deps.auditLog ? auditCommands(deps.auditLog) : []),
      ...connectionCommands(),
    ];
    const env = createEnvironment(base, this.internalScope);
    for (const command of internals) {
      command[BINDING] = {
        env,
        scope: this.internalScope,
        file: null,
        logger: (name) => deps.logging.child(name),
        registerCleanup: (fn, args, label) =>
          deps.cleanup.register(fn as (...a: unknown[]) => unknown, args, label),
      };
      command.setup();
    }
    this.loader.onReload((report) => (this.lastReport = report));
    const watchLogger = deps.logging.child('cmdsys:watch');
    this.watcher = new CommandWatcher({
      dir: deps.commandsDir,
      logger: watchLogger,
      onChange: () => {
        this.reload().catch((err: unknown) => watchLogger.error({ err }, 'automatic reload failed'));
      },
    });
    const problems = this.registry.conflicts(internals, null);
    if (problems.length) throw new Error(`internal commands clash: ${problems.join('; ')}`);
    this.registry.add(internals, null, true);
  }

  /** Follows `commands.autoReload` (live): watches the folder while it is on. */
  startWatching(): void {
    const apply = (on: boolean): void => (on ? this.watcher.start() : this.watcher.stop());
    apply(this.deps.config.all().commands.autoReload);
    this.stopConfigWatch ??= this.deps.config.onChange(({ paths, config }) => {
      if (paths.includes('commands.autoReload')) apply(config.commands.autoReload);
    });
  }

  get watching(): boolean {
    return this.watcher.active;
  }

  /** Loads (or reloads) the command files. */
  reload(force = false): Promise<ReloadReport> {
    return this.loader.reload({ force });
  }

  /** "Load again": lifts a file's quarantine and reloads. */
  liftQuarantine(file: string): Promise<ReloadReport> {
    return this.loader.liftQuarantine(file);
  }

  get lastReloadReport(): ReloadReport | null {
    return this.lastReport;
  }

  /**
   * Stops everything that runs: invocations (drained or cancelled), then `beforeUnload` (the
   * clean-up handlers, which may still use everything the commands registered), then every
   * generation is released.
   */
  async shutdown(drainMs: number, beforeUnload?: () => Promise<unknown>): Promise<void> {
    this.watcher.stop();
    this.stopConfigWatch?.();
    this.stopConfigWatch = null;
    if (drainMs > 0) await this.executor.drain(drainMs);
    else await this.executor.cancelAll('shutting down');
    try {
      await beforeUnload?.();
    } finally {
      this.loader.unloadAll();
      this.internalScope.dispose();
    }
  }
}
