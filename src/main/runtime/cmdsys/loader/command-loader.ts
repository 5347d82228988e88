import { createRequire } from 'node:module';
import path from 'node:path';
import type { FileFaults, QuarantineEntry } from '../../../../shared/dto/quarantine';
import type { EventBus } from '../../events/event-bus';
import type { CleanupRegistry } from '../../lifecycle/cleanup-registry';
import type { Logger, Logging } from '../../logging/logging';
import type { Command } from '../api/command';
import type { Environment } from '../api/environment';
import { FileGuard, type GuardLimits } from '../guards/file-guard';
import { protectIntrinsics, watchIntrinsics } from '../guards/intrinsics';
import type { AttributableFile } from '../guards/fault-attribution';
import type { ProcessFaultKind } from '../guards/process-guards';
import type { QuarantineStore } from '../quarantine/quarantine-store';
import type { CommandRegistry } from '../registry/command-registry';
import { bundleCommandFiles } from './bundle';
import { mapStackPositions, type ChunkPositions } from './evaluate';
import { GenerationBuilder, type BuildOutcome, type Generation } from './generation-builder';
import type { GenerationScope } from './generation-scope';
import { failureFrom, type LoadFailure } from './load-error';
import { absoluteIn, sameSignatures, scanCommandFiles, signatures } from './scan';
import { Listeners } from '../../util/listeners';
import { emptyReport, logReport, type ReloadReport } from './reload-report';

export type { QuarantinedFile, ReloadReport } from './reload-report';

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
  /** Time limits, fault limit and intrinsics protection (read at each use: live config). */
  limits?: () => GuardLimits;
  /** The data dir's quarantine list; null: nothing is ever quarantined. */
  quarantine?: QuarantineStore | null;
}

/**
 * Between building a reload's new generations and swapping them in: told which files failed
 * here, answers the files to keep at their previous version anyway (with why) — the clusters'
 * two-phase reload, where a file that fails in any cluster is kept back in all of them.
 */
export type ReloadGate = (built: {
  force: boolean;
  failed: { file: string; message: string }[];
}) => Promise<ReadonlyMap<string, string>>;

export type FileState = 'loaded' | 'failed' | 'empty' | 'quarantined';

export interface FileStatus {
  file: string;
  state: FileState;
  /** Generation number of the version that is running (null when none is). */
  generation: number | null;
  commands: string[];
  error: LoadFailure | null;
  quarantine: QuarantineEntry | null;
  faults: FileFaults;
}

interface FileRecord {
  file: string;
  active: Generation | null;
  failure: LoadFailure | null;
  empty: boolean;
  quarantine: QuarantineEntry | null;
  /** Signatures of the inputs of the last attempt (to skip unchanged files). */
  inputs: Map<string, string>;
}

function qualified(c: Command): string {
  return c.module ? `${c.module} ${c.name}` : c.name;
}

/**
 * Loads command files and hot-reloads them. A reload builds each changed file's new generation
 * completely (all files concurrently) and swaps it in only if it loaded; a file that fails keeps
 * its previous version. Everything a generation registered is released when it is replaced or
 * its file is removed. Quarantined files are not loaded; faults are attributed to files.
 */
export class CommandLoader {
  private readonly records = new Map<string, FileRecord>();
  private readonly logger: Logger;
  private readonly requireFromCommands: NodeJS.Require;
  private readonly builder: GenerationBuilder;
  private readonly guard: FileGuard;
  private tail: Promise<unknown> = Promise.resolve();
  private stopIntrinsicsWatch: (() => void) | null = null;
  private readonly retired = new Map<string, AttributableFile>();
  private readonly reloaded: Listeners<ReloadReport>;

  constructor(private readonly deps: LoaderDeps) {
    this.logger = deps.logging.child('cmdsys:loader');
    this.reloaded = new Listeners((err) => this.logger.error({ err }, 'reload listener failed'));
    this.requireFromCommands = createRequire(path.join(deps.commandsDir, '__commands__.js'));
    const limits = deps.limits ?? FileGuard.defaultLimits;
    this.guard = new FileGuard({
      commandsDir: deps.commandsDir,
      logger: this.logger,
      store: deps.quarantine ?? null,
      limits,
      // running generations first; then the last retired one of each file, whose callbacks
      // (promise chains, sockets) may still be running after a reload or a quarantine
      loaded: () => [
        ...[...this.records.values()].flatMap((r) =>
          r.active ? [{ file: r.file, absFile: r.active.absFile, positions: r.active.positions }] : [],
        ),
        ...this.retired.values(),
      ],
      mapStack: (stack) => this.mapStack(stack),
      quarantineNow: (file, entry) => this.queue(() => this.applyQuarantine(file, entry)),
    });
    this.builder = new GenerationBuilder({
      bus: deps.bus,
      logging: deps.logging,
      logger: this.logger,
      cleanup: deps.cleanup,
      createEnvironment: deps.createEnvironment,
      requireFor: (id) => (id === 'cmdsys' ? deps.cmdsysModule : this.requireFromCommands(id)),
      onCallbackFault: (file, err, what) => this.guard.callbackFault(file, err, what),
      timeouts: () => {
        const { syncTimeoutMs, setupTimeoutMs } = limits();
        return { syncMs: syncTimeoutMs, asyncSetupMs: setupTimeoutMs };
      },
    });
  }

  get commandsDir(): string {
    return this.deps.commandsDir;
  }

  /** Reloads changed, new and removed files (`force`: every file). Reloads run one at a time. */
  reload(options: { force?: boolean; gate?: ReloadGate } = {}): Promise<ReloadReport> {
    return this.queue(() => this.doReload(options.force ?? false, options.gate ?? this.gate));
  }

  /** The gate every reload without its own passes (cluster 0 of a sharded bot); null: none. */
  setReloadGate(gate: ReloadGate | null): void {
    this.gate = gate ?? undefined;
  }

  private gate: ReloadGate | undefined;

  /** Lifts a file's quarantine ("Load again") and reloads. */
  liftQuarantine(file: string): Promise<ReloadReport> {
    return this.queue(async () => {
      await this.guard.lift(file, 'lifted by request');
      return this.doReload(false);
    });
  }

  /**
   * Claims a process-level fault (uncaught exception, unhandled rejection) for the command
   * file whose code threw: logged, counted, shown in the panel. False when no file's code is
   * on its stack.
   */
  claimFault(err: unknown, kind: ProcessFaultKind): boolean {
    return this.guard.processFault(err, kind);
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
        state: r.quarantine ? 'quarantined' : r.failure ? 'failed' : r.empty ? 'empty' : 'loaded',
        generation: r.active?.number ?? null,
        commands: r.active?.instances.map(qualified) ?? [],
        error: r.failure,
        quarantine: r.quarantine,
        faults: this.guard.faultsOf(r.file),
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
    this.stopIntrinsicsWatch?.();
    this.stopIntrinsicsWatch = null;
    for (const record of this.records.values()) {
      if (record.active) this.retire(record.file, record.active);
      record.active = null;
    }
    this.records.clear();
    this.retired.clear();
  }

  /**
   * Puts back built-in methods replaced after loading (from call() or a callback), logged.
   * Its own method on purpose: created as a closure inside doReload(), it kept that call's
   * context alive and the heap grew by about 25 KB per reload (bench reload-heap).
   */
  private watchIntrinsics(): () => void {
    const logger = this.logger;
    return watchIntrinsics((changed) =>
      logger.error(
        { changed },
        `built-in ${changed.join(', ')} was replaced while the bot ran (by command code); put back`,
      ),
    );
  }

  private queue<T>(job: () => Promise<T>): Promise<T> {
    const run = this.tail.then(job);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async doReload(force: boolean, gate?: ReloadGate): Promise<ReloadReport> {
    const started = performance.now();
    const { commandsDir } = this.deps;
    if ((this.deps.limits ?? FileGuard.defaultLimits)().protectIntrinsics) {
      protectIntrinsics();
      this.stopIntrinsicsWatch ??= this.watchIntrinsics();
    }
    const present = await scanCommandFiles(commandsDir);
    const presentSet = new Set(present);
    const report = emptyReport();
    await this.guard.refresh();

    for (const [file, record] of this.records) {
      if (presentSet.has(file)) continue;
      this.unload(file, record);
      this.records.delete(file);
      report.removed.push(file);
    }

    const toLoad: string[] = [];
    await Promise.all(
      present.map(async (file) => {
        const record = this.records.get(file);
        const quarantine = await this.guard.stillQuarantined(file);
        if (quarantine) {
          this.keepOut(file, quarantine);
          report.quarantined.push({ file, reason: quarantine.reason, message: quarantine.message });
          return;
        }
        // failed files are always retried: the cause may be in a file they import
        if (!record || force || record.failure || record.quarantine) return void toLoad.push(file);
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
    // every file's generation is built concurrently (slow async setups overlap) ...
    const built = new Map<string, BuildOutcome>();
    await Promise.all(
      toLoad.map(async (file) => {
        const outcome = bundles.get(file);
        if (outcome?.ok)
          built.set(file, await this.builder.build(outcome.bundle, absoluteIn(commandsDir, file)));
      }),
    );
    const held = gate ? await this.askGate(gate, force, toLoad, bundles, built) : new Map<string, string>();
    // ... and swapped in one file at a time, in name order; a clash waits for the others once
    const conflicted: string[] = [];
    const attempt = async (file: string, isRetry: boolean): Promise<void> => {
      const record = this.records.get(file);
      const absFile = absoluteIn(commandsDir, file);
      const outcome = bundles.get(file);
      if (!outcome)
        return this.fail(file, record, { file, line: null, column: null, message: 'not bundled' }, report);
      if (!outcome.ok) return this.fail(file, record, outcome.failure, report, [absFile]);
      const inputs = signaturesOf(outcome.bundle.inputs);
      const result = built.get(file)!;
      if ('failure' in result) return this.fail(file, record, result.failure, report, null, inputs);
      const heldBack = held.get(file);
      if (heldBack !== undefined) {
        result.generation.scope.dispose();
        return this.fail(
          file,
          record,
          { file, line: null, column: null, message: heldBack },
          report,
          null,
          inputs,
        );
      }
      try {
        const swapped = this.swapIn(file, record, result.generation, isRetry, inputs);
        if (swapped === 'conflict') return void conflicted.push(file);
        if (typeof swapped !== 'string') return this.fail(file, record, swapped, report, null, inputs);
        (swapped === 'updated' ? report.updated : report.loaded).push(file);
      } catch (err) {
        // never a batch abort: whatever went wrong is this file's load error
        result.generation.scope.dispose();
        const failure = failureFrom(file, absFile, err, (l, c) => result.generation.positions.original(l, c));
        return this.fail(file, record, failure, report, null, inputs);
      }
    };
    for (const file of toLoad) await attempt(file, false);
    for (const file of conflicted) await attempt(file, true);

    report.ms = performance.now() - started;
    report.failed.sort((a, b) => a.file.localeCompare(b.file));
    report.quarantined.sort((a, b) => a.file.localeCompare(b.file));
    this.finish(report);
    return report;
  }

  /** The gate's answer; a gate that fails holds nothing back (each file's own outcome stands). */
  private async askGate(
    gate: ReloadGate,
    force: boolean,
    toLoad: string[],
    bundles: Map<string, { ok: true } | { ok: false; failure: LoadFailure }>,
    built: Map<string, BuildOutcome>,
  ): Promise<ReadonlyMap<string, string>> {
    const failed = toLoad.flatMap((file) => {
      const outcome = bundles.get(file);
      if (!outcome) return [{ file, message: 'not bundled' }];
      if (!outcome.ok) return [{ file, message: outcome.failure.message }];
      const result = built.get(file);
      return result && 'failure' in result ? [{ file, message: result.failure.message }] : [];
    });
    try {
      return await gate({ force, failed });
    } catch (err) {
      this.logger.error({ err }, 'the reload gate failed; reloading this cluster on its own');
      return new Map();
    }
  }

  /**
   * Registers a built generation in place of the file's current one. A name clash is deferred
   * once (`conflict`: the file holding the name may be giving it up in this same reload), then
   * it is the new file's failure, naming both files.
   */
  private swapIn(
    file: string,
    record: FileRecord | undefined,
    generation: Generation,
    isRetry: boolean,
    inputs: Map<string, string>,
  ): 'loaded' | 'updated' | 'conflict' | LoadFailure {
    const { registry } = this.deps;
    const problems = registry.conflicts(generation.instances, file);
    if (problems.length > 0) {
      generation.scope.dispose();
      if (!isRetry) return 'conflict';
      return { file, line: null, column: null, message: problems.join('; ') };
    }
    try {
      this.handOver(record?.active ?? null, generation);
    } catch (err) {
      generation.scope.dispose();
      const failure = failureFrom(file, generation.absFile, err, (l, c) =>
        generation.positions.original(l, c),
      );
      return { ...failure, message: `onReload failed: ${failure.message}` };
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
      quarantine: null,
      inputs,
    });
    if (generation.instances.length === 0) {
      generation.scope.dispose();
      this.logger.debug({ file }, 'file exports no command; ignored');
    }
    return hadVersion ? 'updated' : 'loaded';
  }

  private async fail(
    file: string,
    record: FileRecord | undefined,
    failure: LoadFailure,
    report: ReloadReport,
    inputPaths: string[] | null = null,
    inputs?: Map<string, string>,
  ): Promise<void> {
    const sigs = inputs ?? (await signatures(inputPaths ?? []));
    this.records.set(file, {
      file,
      active: record?.active ?? null,
      failure,
      empty: record?.empty ?? false,
      quarantine: null,
      inputs: sigs,
    });
    report.failed.push(failure);
  }

  /** Unloads a file (when loaded) and records it as quarantined. */
  private keepOut(file: string, quarantine: QuarantineEntry): void {
    const record = this.records.get(file);
    if (record) this.unload(file, record);
    this.records.set(file, {
      file,
      active: null,
      failure: null,
      empty: false,
      quarantine,
      inputs: new Map(),
    });
  }

  /** Unloads a file and marks it quarantined (too many faults): queued like a reload. */
  private async applyQuarantine(file: string, entry: QuarantineEntry): Promise<void> {
    this.keepOut(file, entry);
    const report = emptyReport();
    report.quarantined.push({ file, reason: entry.reason, message: entry.message });
    this.finish(report);
  }

  private unload(file: string, record: FileRecord): void {
    if (!record.active) return;
    this.deps.registry.removeFile(file);
    this.retire(file, record.active);
    record.active = null;
  }

  private finish(report: ReloadReport): void {
    logReport(this.logger, report);
    this.deps.bus.trigger('reload_done', {
      loaded: report.loaded.length,
      updated: report.updated.length,
      removed: report.removed.length,
      failed: report.failed.length,
      ms: report.ms,
    });
    this.reloaded.emit(report);
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
    this.retired.set(file, { file, absFile: generation.absFile, positions: generation.positions });
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
}
