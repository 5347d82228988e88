import { createRequire } from 'node:module';
import path from 'node:path';
import type { EventBus } from '../../events/event-bus';
import type { CleanupRegistry } from '../../lifecycle/cleanup-registry';
import type { Logger, Logging } from '../../logging/logging';
import { BINDING, type CommandBinding } from '../api/bindings';
import { Command } from '../api/command';
import type { Environment } from '../api/environment';
import type { CommandRegistry, RegisteredCommand } from '../registry/command-registry';
import { bundleCommandFiles, type BundledFile } from './bundle';
import { ChunkPositions, evaluateCommonJs, mapStackPositions } from './evaluate';
import { GenerationScope } from './generation-scope';
import { CommandLoadError, failureFrom, type LoadFailure } from './load-error';
import { absoluteIn, sameSignatures, scanCommandFiles, signatures } from './scan';
import { Listeners } from '../../util/listeners';

export interface LoaderDeps {
  commandsDir: string;
  registry: CommandRegistry;
  bus: EventBus;
  logging: Logging;
  cleanup: CleanupRegistry;
  /** The environment commands of one generation see (its events and RPC are scoped). */
  createEnvironment(scope: GenerationScope): Environment;
  /** What `import … from 'cmdsys'` gives command files. */
  cmdsysModule: object;
  /** How long an async setup() may take. */
  setupTimeoutMs?: number;
}

export interface ReloadReport {
  /** Files loaded for the first time. */
  loaded: string[];
  /** Files whose new generation replaced the old one. */
  updated: string[];
  /** Files gone from the folder (their commands unregistered). */
  removed: string[];
  /** Files that failed (a previous version, if any, keeps running). */
  failed: LoadFailure[];
  unchanged: number;
  ms: number;
}

export type FileState = 'loaded' | 'failed' | 'empty';

export interface FileStatus {
  file: string;
  state: FileState;
  /** Generation number of the version that is running (null when none is). */
  generation: number | null;
  commands: string[];
  error: LoadFailure | null;
}

interface Generation {
  number: number;
  scope: GenerationScope;
  instances: Command[];
  entries: RegisteredCommand[];
  /** Absolute path of the command file, and positions in its evaluated bundle. */
  absFile: string;
  positions: ChunkPositions;
}

interface FileRecord {
  file: string;
  active: Generation | null;
  failure: LoadFailure | null;
  empty: boolean;
  /** Signatures of the inputs of the last attempt (to skip unchanged files). */
  inputs: Map<string, string>;
}

function isCommandClass(value: unknown): value is new () => Command {
  return typeof value === 'function' && value.prototype instanceof Command;
}

const NAME = /^[^\s'"\\]{1,64}$/;

function qualified(c: Command): string {
  return c.module ? `${c.module} ${c.name}` : c.name;
}

/**
 * Loads command files and hot-reloads them. A reload builds each changed file's new generation
 * completely and swaps it in only if it loaded; a file that fails keeps its previous version.
 * Everything a generation registered is released when it is replaced or its file is removed.
 */
export class CommandLoader {
  private readonly records = new Map<string, FileRecord>();
  private readonly logger: Logger;
  private readonly requireFromCommands: NodeJS.Require;
  private generationCounter = 0;
  private tail: Promise<unknown> = Promise.resolve();
  private readonly reloaded: Listeners<ReloadReport>;

  constructor(private readonly deps: LoaderDeps) {
    this.logger = deps.logging.child('cmdsys:loader');
    this.reloaded = new Listeners((err) => this.logger.error({ err }, 'reload listener failed'));
    this.requireFromCommands = createRequire(path.join(deps.commandsDir, '__commands__.js'));
  }

  get commandsDir(): string {
    return this.deps.commandsDir;
  }

  /** Reloads changed, new and removed files (`force`: every file). Reloads run one at a time. */
  reload(options: { force?: boolean } = {}): Promise<ReloadReport> {
    const run = this.tail.then(() => this.doReload(options.force ?? false));
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Called after every reload, whoever asked for it. */
  onReload(listener: (report: ReloadReport) => void): () => void {
    return this.reloaded.add(listener);
  }

  /** Per-file load status for the panel. */
  files(): FileStatus[] {
    return [...this.records.values()]
      .sort((a, b) => a.file.localeCompare(b.file))
      .map((r) => ({
        file: r.file,
        state: r.failure ? 'failed' : r.empty ? 'empty' : 'loaded',
        generation: r.active?.number ?? null,
        commands: r.active?.instances.map(qualified) ?? [],
        error: r.failure,
      }));
  }

  /** What the running generations hold (for leak checks): one generation per loaded file. */
  resourceCounts(): { generations: number; listeners: number; timers: number; disposers: number } {
    const total = { generations: 0, listeners: 0, timers: 0, disposers: 0 };
    for (const record of this.records.values()) {
      if (!record.active) continue;
      const counts = record.active.scope.counts;
      total.generations++;
      total.listeners += counts.listeners;
      total.timers += counts.timers;
      total.disposers += counts.disposers;
    }
    return total;
  }

  /**
   * A stack trace with the positions in loaded command files mapped back to their sources
   * (Node applies no source maps to evaluated code, so raw frames point into the bundles).
   */
  mapStack(stack: string): string {
    const chunks = new Map<string, ChunkPositions>();
    for (const record of this.records.values())
      if (record.active) chunks.set(record.active.absFile, record.active.positions);
    return chunks.size ? mapStackPositions(stack, chunks, this.deps.commandsDir) : stack;
  }

  /** Drops every generation (at shutdown): listeners, timers and handlers released. */
  unloadAll(): void {
    for (const record of this.records.values()) {
      if (record.active) this.retire(record.file, record.active);
      record.active = null;
    }
    this.records.clear();
  }

  private async doReload(force: boolean): Promise<ReloadReport> {
    const started = performance.now();
    const { commandsDir, registry } = this.deps;
    const present = await scanCommandFiles(commandsDir);
    const presentSet = new Set(present);
    const report: ReloadReport = { loaded: [], updated: [], removed: [], failed: [], unchanged: 0, ms: 0 };

    for (const [file, record] of this.records) {
      if (presentSet.has(file)) continue;
      if (record.active) {
        registry.removeFile(file);
        this.retire(file, record.active);
      }
      this.records.delete(file);
      report.removed.push(file);
    }

    const toLoad: string[] = [];
    await Promise.all(
      present.map(async (file) => {
        const record = this.records.get(file);
        // failed files are always retried: the cause may be in a file they import
        if (!record || force || record.failure) return void toLoad.push(file);
        const now = await signatures([...record.inputs.keys()]);
        if (sameSignatures(now, record.inputs)) {
          report.unchanged++;
        } else {
          toLoad.push(file);
        }
      }),
    );
    toLoad.sort();

    const bundles = await bundleCommandFiles(commandsDir, toLoad);
    // every input's signature in one parallel batch (one stat at a time adds up over many files)
    const stats = await signatures([
      ...new Set([...bundles.values()].flatMap((o) => (o.ok ? o.bundle.inputs : []))),
    ]);
    const signaturesOf = (paths: string[]): Map<string, string> =>
      new Map(paths.map((p) => [p, stats.get(p) ?? 'missing']));
    const conflicted: string[] = [];
    const attempt = async (file: string, isRetry: boolean): Promise<void> => {
      const outcome = bundles.get(file);
      const record = this.records.get(file);
      const absFile = absoluteIn(commandsDir, file);
      if (!outcome)
        return this.fail(
          file,
          record,
          { file, line: null, column: null, message: 'not bundled' },
          [absFile],
          report,
        );
      if (!outcome.ok) return this.fail(file, record, outcome.failure, [absFile], report);
      const inputs = signaturesOf(outcome.bundle.inputs);
      const result = await this.buildGeneration(outcome.bundle, absFile);
      if ('failure' in result)
        return this.fail(file, record, result.failure, [...inputs.keys()], report, inputs);
      const generation = result.generation;
      const problems = registry.conflicts(generation.instances, file);
      if (problems.length > 0) {
        generation.scope.dispose();
        if (!isRetry) return void conflicted.push(file);
        return this.fail(
          file,
          record,
          { file, line: null, column: null, message: problems.join('; ') },
          [],
          report,
          inputs,
        );
      }
      try {
        this.handOver(record?.active ?? null, generation);
      } catch (err) {
        generation.scope.dispose();
        const failure = failureFrom(file, absFile, err, (line, column) =>
          generation.positions.original(line, column),
        );
        return this.fail(
          file,
          record,
          { ...failure, message: `onReload failed: ${failure.message}` },
          [],
          report,
          inputs,
        );
      }
      if (record?.active) registry.removeFile(file);
      generation.entries = registry.add(generation.instances, file, false);
      if (record?.active) this.retire(file, record.active);
      const hadVersion = Boolean(record?.active) || Boolean(record?.empty);
      this.records.set(file, {
        file,
        active: generation.instances.length ? generation : null,
        failure: null,
        empty: generation.instances.length === 0,
        inputs,
      });
      if (generation.instances.length === 0) {
        generation.scope.dispose();
        this.logger.debug({ file }, 'file exports no command; ignored');
      }
      (hadVersion ? report.updated : report.loaded).push(file);
    };
    for (const file of toLoad) await attempt(file, false);
    for (const file of conflicted) await attempt(file, true);

    report.ms = performance.now() - started;
    report.failed.sort((a, b) => a.file.localeCompare(b.file));
    this.logReport(report);
    this.deps.bus.trigger('reload_done', {
      loaded: report.loaded.length,
      updated: report.updated.length,
      removed: report.removed.length,
      failed: report.failed.length,
      ms: report.ms,
    });
    this.reloaded.emit(report);
    return report;
  }

  private fail(
    file: string,
    record: FileRecord | undefined,
    failure: LoadFailure,
    inputPaths: string[],
    report: ReloadReport,
    inputs?: Map<string, string>,
  ): Promise<void> {
    return (async () => {
      const sigs = inputs ?? (await signatures(inputPaths));
      this.records.set(file, {
        file,
        active: record?.active ?? null,
        failure,
        empty: record?.empty ?? false,
        inputs: sigs,
      });
      report.failed.push(failure);
    })();
  }

  private async buildGeneration(
    bundle: BundledFile,
    absFile: string,
  ): Promise<{ generation: Generation } | { failure: LoadFailure }> {
    const positions = new ChunkPositions(bundle.code);
    const scope = new GenerationScope(this.deps.bus, bundle.file, (err, what) =>
      this.logger.error({ err, file: bundle.file }, `a ${what} of ${bundle.file} threw`),
    );
    try {
      const exports = evaluateCommonJs(bundle.code, absFile, (id) => this.requireFor(id));
      const classes = this.commandClassesOf(exports);
      const binding = this.bindingFor(bundle.file, scope);
      const instances: Command[] = [];
      for (const Cls of classes) {
        const instance = new Cls();
        instance[BINDING] = binding;
        const ret = instance.setup();
        if (ret instanceof Promise) await this.withTimeout(ret, `${Cls.name || 'command'}.setup()`);
        if (instance.name === '') {
          this.logger.debug(
            { file: bundle.file, className: Cls.name },
            'command class without a name; ignored',
          );
          continue;
        }
        this.validate(instance);
        instances.push(instance);
      }
      return {
        generation: {
          number: ++this.generationCounter,
          scope,
          instances,
          entries: [],
          absFile,
          positions,
        },
      };
    } catch (err) {
      scope.dispose();
      return {
        failure: failureFrom(bundle.file, absFile, err, (line, column) => positions.original(line, column)),
      };
    }
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

  private validate(command: Command): void {
    if (!NAME.test(command.name))
      throw new CommandLoadError(
        `invalid command name "${command.name}" (no spaces or quotes, 1-64 characters)`,
      );
    for (const alias of command.aliases) {
      if (typeof alias !== 'string' || !NAME.test(alias))
        throw new CommandLoadError(`invalid alias "${String(alias)}" of "${command.name}"`);
    }
    if (command.module !== null && !NAME.test(command.module))
      throw new CommandLoadError(`invalid module name "${command.module}"`);
    if (command.minRank !== null && (!Number.isInteger(command.minRank) || command.minRank < 1)) {
      throw new CommandLoadError(`minRank of "${command.name}" must be an integer ≥ 1`);
    }
  }

  private handOver(previous: Generation | null, next: Generation): void {
    if (!previous) return;
    const old = new Map(previous.instances.map((c) => [qualified(c).toLowerCase(), c]));
    for (const instance of next.instances) {
      const before = old.get(qualified(instance).toLowerCase());
      if (before && instance.onReload) instance.onReload(before);
    }
  }

  /** Releases a generation: aboutToDelete, its scope, then onUnload on each instance (errors logged). */
  private retire(file: string, generation: Generation): void {
    for (const instance of generation.instances) {
      try {
        const result = instance.aboutToDelete?.();
        if (result instanceof Promise)
          result.catch((err: unknown) => this.logger.error({ err, file }, 'aboutToDelete failed'));
      } catch (err) {
        this.logger.error({ err, file }, 'aboutToDelete failed');
      }
    }
    generation.scope.dispose();
    for (const instance of generation.instances) {
      try {
        const result = instance.onUnload?.();
        if (result instanceof Promise)
          result.catch((err: unknown) => this.logger.error({ err, file }, 'onUnload failed'));
      } catch (err) {
        this.logger.error({ err, file }, 'onUnload failed');
      }
    }
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

  private requireFor(id: string): unknown {
    if (id === 'cmdsys') return this.deps.cmdsysModule;
    return this.requireFromCommands(id);
  }

  private withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
    const ms = this.deps.setupTimeoutMs ?? 5_000;
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new CommandLoadError(`${what} did not finish within ${ms} ms`)), ms);
      }),
    ]).finally(() => clearTimeout(timer));
  }

  private logReport(report: ReloadReport): void {
    for (const f of report.failed) {
      this.logger.error(
        { file: f.file, line: f.line, column: f.column },
        `command file failed: ${f.file}${f.line ? `:${f.line}:${f.column}` : ''}: ${f.message}`,
      );
    }
    this.logger.info(
      {
        loaded: report.loaded.length,
        updated: report.updated.length,
        removed: report.removed.length,
        failed: report.failed.length,
        unchanged: report.unchanged,
        ms: Math.round(report.ms),
      },
      'commands reloaded',
    );
  }
}
