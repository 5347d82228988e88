import type { EventBus } from '../../events/event-bus';
import type { CleanupRegistry } from '../../lifecycle/cleanup-registry';
import type { Logger, Logging } from '../../logging/logging';
import { enterUserCode, withUserCode } from '../../lifecycle/user-code';
import { BINDING, type CommandBinding } from '../api/bindings';
import { Command } from '../api/command';
import type { Environment } from '../api/environment';
import { commandGlobals } from '../guards/command-globals';
import { restoreIntrinsics } from '../guards/intrinsics';
import { runWithTimeout, SyncTimeout } from '../guards/sync-timeout';
import type { RegisteredCommand } from '../registry/command-registry';
import { validateCommand } from '../registry/validate-command';
import type { BundledFile } from './bundle';
import { ChunkPositions, compileCommonJs } from './evaluate';
import { GenerationScope } from './generation-scope';
import { CommandLoadError, failureFrom, type LoadFailure } from './load-error';

/** One loaded version of a command file. */
export interface Generation {
  number: number;
  scope: GenerationScope;
  instances: Command[];
  entries: RegisteredCommand[];
  /** Absolute path of the command file, and positions in its evaluated bundle. */
  absFile: string;
  positions: ChunkPositions;
}

export type BuildOutcome = { generation: Generation } | { failure: LoadFailure };

export interface BuilderDeps {
  bus: EventBus;
  logging: Logging;
  logger: Logger;
  cleanup: CleanupRegistry;
  createEnvironment(scope: GenerationScope): Environment;
  /** Resolves a command file's `require` (packages, node: modules, 'cmdsys'). */
  requireFor(id: string): unknown;
  /** A throwing timer callback of a file (tracked timers report here, never to the process). */
  onCallbackFault(file: string, err: unknown, what: string): void;
  /** Limits: top-level code plus the synchronous part of the setups; an async setup(). */
  timeouts(): { syncMs: number; asyncSetupMs: number };
}

function isCommandClass(value: unknown): value is new () => Command {
  return typeof value === 'function' && value.prototype instanceof Command;
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  value !== null &&
  (typeof value === 'object' || typeof value === 'function') &&
  typeof (value as { then?: unknown }).then === 'function';

/**
 * Builds a generation of one command file: evaluates its bundle with the file's own `process`
 * and tracked timers, instantiates its command classes and runs their `setup()`. Top-level code
 * and the synchronous part of every setup() share one time limit (an endless loop there fails
 * the file); asynchronous setups run concurrently, each with its own limit, so building many
 * files at once costs about as long as the slowest one.
 */
export class GenerationBuilder {
  private counter = 0;

  constructor(private readonly deps: BuilderDeps) {}

  async build(bundle: BundledFile, absFile: string): Promise<BuildOutcome> {
    const { file } = bundle;
    const positions = new ChunkPositions(bundle.code);
    const scope = new GenerationScope(this.deps.bus, file, (err, what) =>
      this.deps.onCallbackFault(file, err, what),
    );
    const { syncMs, asyncSetupMs } = this.deps.timeouts();
    try {
      const globals = commandGlobals(file, scope);
      const requireFn = (id: string): unknown =>
        id === 'process' || id === 'node:process' ? globals.process : this.deps.requireFor(id);
      const binding = this.bindingFor(file, scope);
      // compiling is not the file's code running: only running it counts against the limit
      const runModule = compileCommonJs(bundle.code, absFile, requireFn, globals);
      let started: { Cls: new () => Command; instance: Command; ret: unknown }[];
      try {
        started = runWithTimeout(() => {
          const exports = withUserCode(enterUserCode(file, 'load'), runModule);
          return this.commandClassesOf(exports).map((Cls) =>
            withUserCode(enterUserCode(file, 'setup', Cls.name || null), () => {
              const instance = new Cls();
              instance[BINDING] = binding;
              return { Cls, instance, ret: instance.setup() };
            }),
          );
        }, syncMs);
      } catch (err) {
        restoreIntrinsics(); // the file fails anyway: its own error says why
        if (err instanceof SyncTimeout)
          throw new CommandLoadError(`top-level code or setup() ${err.message}`);
        throw err;
      }
      this.checkIntrinsics();
      await Promise.all(
        started.map(({ Cls, ret }) =>
          isThenable(ret)
            ? this.withTimeout(ret, `${Cls.name || 'command'}.setup()`, asyncSetupMs)
            : Promise.resolve(),
        ),
      );
      this.checkIntrinsics();
      const instances: Command[] = [];
      for (const { Cls, instance } of started) {
        if (instance.name === '') {
          this.deps.logger.debug({ file, className: Cls.name }, 'command class without a name; ignored');
          continue;
        }
        validateCommand(instance);
        instances.push(instance);
      }
      return {
        generation: { number: ++this.counter, scope, instances, entries: [], absFile, positions },
      };
    } catch (err) {
      scope.dispose();
      return { failure: failureFrom(file, absFile, err, (line, column) => positions.original(line, column)) };
    }
  }

  /** Built-in methods the file replaced are put back, and the file fails. */
  private checkIntrinsics(): void {
    const changed = restoreIntrinsics();
    if (changed.length)
      throw new CommandLoadError(
        `replaced built-in ${changed.join(', ')} (put back; built-ins are shared by the whole bot)`,
      );
  }

  private commandClassesOf(exports: unknown): (new () => Command)[] {
    if (isCommandClass(exports)) return [exports];
    if (exports === null || typeof exports !== 'object') return [];
    const record = exports as Record<string, unknown>;
    if ('default' in record && record.default !== undefined && !isCommandClass(record.default)) {
      const kind = record.default === null ? 'null' : typeof record.default;
      throw new CommandLoadError(`the default export is not a Command class (got ${kind})`);
    }
    return [...new Set(Object.values(record).filter(isCommandClass))];
  }

  private bindingFor(file: string, scope: GenerationScope): CommandBinding {
    const env = this.deps.createEnvironment(scope);
    const loggers = new Map<string, Logger>();
    return {
      env,
      scope,
      file,
      logger: (name) => {
        let logger = loggers.get(name);
        if (!logger) loggers.set(name, (logger = this.deps.logging.child(name, { file })));
        return logger;
      },
      registerCleanup: (fn, args, label) =>
        this.deps.cleanup.register(fn as (...a: unknown[]) => unknown, args, label),
    };
  }

  private withTimeout<T>(promise: PromiseLike<T>, what: string, ms: number): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      Promise.resolve(promise),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new CommandLoadError(`${what} did not finish within ${ms} ms`)), ms);
      }),
    ]).finally(() => clearTimeout(timer));
  }
}
