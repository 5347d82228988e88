import type { FileFaults } from '../../../../shared/dto/quarantine';

export interface Fault {
  file: string;
  kind: string;
  message: string;
  /** `file:line:column` of the original source, when known. */
  location: string | null;
  /** Stack with positions mapped to the original sources. */
  stack: string | null;
  at: number;
}

export interface FaultLimits {
  limit: number;
  windowMs: number;
}

/**
 * Counts uncaught faults per command file. When a file reaches `limit` faults within
 * `windowMs`, `onLimit` is called once (the loader unloads and quarantines it); the window
 * starts afresh after that.
 */
export class FaultTracker {
  private readonly totals = new Map<string, { count: number; last: Fault }>();
  private readonly recent = new Map<string, number[]>();

  constructor(
    private readonly limits: () => FaultLimits,
    private readonly onLimit: (fault: Fault, faultsInWindow: number) => void,
  ) {}

  record(fault: Fault): void {
    const total = this.totals.get(fault.file);
    this.totals.set(fault.file, { count: (total?.count ?? 0) + 1, last: fault });
    const { limit, windowMs } = this.limits();
    const times = (this.recent.get(fault.file) ?? []).filter((t) => fault.at - t < windowMs);
    times.push(fault.at);
    if (times.length >= limit) {
      this.recent.delete(fault.file);
      this.onLimit(fault, times.length);
    } else {
      this.recent.set(fault.file, times);
    }
  }

  of(file: string): FileFaults {
    const total = this.totals.get(file);
    if (!total) return { count: 0, last: null };
    const { message, location, kind, at } = total.last;
    return { count: total.count, last: { message, location, kind, at } };
  }

  /** Starts a file's window afresh (its quarantine was lifted); the totals stay. */
  resetWindow(file: string): void {
    this.recent.delete(file);
  }
}
