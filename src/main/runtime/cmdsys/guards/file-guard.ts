import type { QuarantineEntry } from '../../../../shared/dto/quarantine';
import type { FileFaults } from '../../../../shared/dto/quarantine';
import type { Logger } from '../../logging/logging';
import { absoluteIn } from '../loader/scan';
import { contentHash, type QuarantineStore } from '../quarantine/quarantine-store';
import { attributeFault, describeThrown, stackOf, type AttributableFile } from './fault-attribution';
import { FaultTracker, type Fault } from './fault-tracker';
import type { ProcessFaultKind } from './process-guards';

export interface GuardLimits {
  syncTimeoutMs: number;
  setupTimeoutMs: number;
  faultLimit: number;
  faultWindowMs: number;
  protectIntrinsics: boolean;
}

export interface FileGuardDeps {
  commandsDir: string;
  logger: Logger;
  /** The data dir's quarantine list; null keeps quarantines in memory (tests, tools). */
  store: QuarantineStore | null;
  limits(): GuardLimits;
  /** The command files whose code is loaded (for attribution). */
  loaded(): AttributableFile[];
  mapStack(stack: string): string;
  /** Unloads a file and marks it quarantined. */
  quarantineNow(file: string, entry: QuarantineEntry): Promise<void>;
}

/**
 * Faults and quarantine of command files: attributes uncaught faults to the file whose code
 * threw, counts them, quarantines a file that faults too often, and decides whether a
 * quarantined file stays out (same content) or may load again (new content, or lifted).
 */
export class FileGuard {
  static readonly defaultLimits = (): GuardLimits => ({
    syncTimeoutMs: 2_000,
    setupTimeoutMs: 5_000,
    faultLimit: 5,
    faultWindowMs: 60_000,
    protectIntrinsics: true,
  });

  private readonly tracker: FaultTracker;
  private readonly memory = new Map<string, QuarantineEntry>();

  constructor(private readonly deps: FileGuardDeps) {
    this.tracker = new FaultTracker(
      () => ({ limit: deps.limits().faultLimit, windowMs: deps.limits().faultWindowMs }),
      (fault, count) => void this.quarantineForFaults(fault, count),
    );
  }

  /** Reads the quarantine list again (the supervisor may have written it). */
  async refresh(): Promise<void> {
    await this.deps.store?.refresh();
  }

  private entry(file: string): QuarantineEntry | null {
    return this.deps.store ? this.deps.store.get(file) : (this.memory.get(file) ?? null);
  }

  /** The file's quarantine if it still applies; a file whose content changed is let out. */
  async stillQuarantined(file: string): Promise<QuarantineEntry | null> {
    const entry = this.entry(file);
    if (!entry) return null;
    const hash = await contentHash(absoluteIn(this.deps.commandsDir, file));
    if (hash === entry.sha256) return entry;
    await this.lift(file, 'a new version was saved');
    return null;
  }

  async lift(file: string, why: string): Promise<boolean> {
    const lifted = this.deps.store ? await this.deps.store.lift(file) : this.memory.delete(file);
    if (lifted) {
      this.tracker.resetWindow(file);
      this.deps.logger.info({ file }, `quarantine of ${file} lifted: ${why}`);
    }
    return lifted;
  }

  faultsOf(file: string): FileFaults {
    return this.tracker.of(file);
  }

  /** A process-level fault: true when a command file's code is on its stack (then handled). */
  processFault(err: unknown, kind: ProcessFaultKind): boolean {
    const attribution = attributeFault(err, this.deps.loaded());
    if (!attribution) return false;
    this.record(attribution.file, attribution.location, err, kind);
    return true;
  }

  /** A throwing callback of a tracked timer (or similar) of a known file. */
  callbackFault(file: string, err: unknown, what: string): void {
    const attribution = attributeFault(
      err,
      this.deps.loaded().filter((f) => f.file === file),
    );
    this.record(file, attribution?.location ?? null, err, what);
  }

  private record(file: string, location: string | null, err: unknown, kind: string): void {
    const raw = stackOf(err);
    const stack = raw ? this.deps.mapStack(raw) : null;
    const message = describeThrown(err);
    const fault: Fault = { file, kind, message, location, stack, at: Date.now() };
    this.deps.logger.error(
      { file, location, kind, stack },
      `uncaught fault in ${location ?? file} (${kind}): ${message}; the bot goes on`,
    );
    this.tracker.record(fault);
  }

  private async quarantineForFaults(fault: Fault, count: number): Promise<void> {
    try {
      const { faultWindowMs } = this.deps.limits();
      const sha256 = await contentHash(absoluteIn(this.deps.commandsDir, fault.file));
      if (sha256 === null) return; // the file is gone: nothing to keep out
      const entry: QuarantineEntry = {
        reason: 'faults',
        message:
          `${count} uncaught faults within ${Math.round(faultWindowMs / 1000)} s; last: ` +
          `${fault.message}${fault.location ? ` at ${fault.location}` : ''}`,
        stack: fault.stack,
        at: new Date(fault.at).toISOString(),
        invocation: null,
        sha256,
      };
      if (this.deps.store) await this.deps.store.add(fault.file, entry);
      else this.memory.set(fault.file, entry);
      this.deps.logger.error(
        { file: fault.file },
        `${fault.file} unloaded and quarantined: ${entry.message}`,
      );
      await this.deps.quarantineNow(fault.file, entry);
    } catch (err) {
      this.deps.logger.error({ err, file: fault.file }, 'could not quarantine a faulting command file');
    }
  }
}
