import type { Logger } from '../logging/logging';

export type CleanupFn = (...args: never[]) => unknown;

interface Entry {
  id: number;
  label: string;
  run: () => unknown;
}

export interface CleanupReport {
  ran: number;
  failed: number;
  timedOut: number;
}

/**
 * Clean-up handlers run before shutdown: first registered, first run. Each gets its own
 * timeout; errors and timeouts are logged and never block the exit.
 */
export class CleanupRegistry {
  private entries: Entry[] = [];
  private nextId = 1;

  constructor(private readonly logger: Logger) {}

  /** Registers `fn(...args)`; returns a disposer that unregisters it (used on command reload). */
  register<A extends unknown[]>(
    fn: (...args: A) => unknown,
    args: A,
    label = fn.name || 'anonymous',
  ): () => void {
    const id = this.nextId++;
    this.entries.push({ id, label, run: () => fn(...args) });
    return () => {
      this.entries = this.entries.filter((e) => e.id !== id);
    };
  }

  get size(): number {
    return this.entries.length;
  }

  /** Runs and removes every handler, in registration order. */
  async runAll(timeoutMs: number): Promise<CleanupReport> {
    const entries = this.entries;
    this.entries = [];
    const report: CleanupReport = { ran: 0, failed: 0, timedOut: 0 };
    for (const entry of entries) {
      report.ran++;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      try {
        const outcome = await Promise.race([Promise.resolve().then(entry.run), timeout]);
        if (outcome === 'timeout') {
          report.timedOut++;
          this.logger.warn(
            { handler: entry.label, timeoutMs },
            'clean-up handler timed out; continuing shutdown',
          );
        }
      } catch (err) {
        report.failed++;
        this.logger.error({ err, handler: entry.label }, 'clean-up handler failed');
      } finally {
        clearTimeout(timer);
      }
    }
    return report;
  }
}
