/** One watched deadline: `check` runs once it is due and returns the next due time, or null when done. */
interface Watched {
  due: number;
  check: (now: number) => number | null;
}

/**
 * Deadlines of many running invocations on one timer, set for the earliest of them. Starting
 * and ending an invocation is a Set insert and delete: a chat command usually ends long before
 * its timeout, so a timer of its own (created, inserted into Node's timer lists, cleared again)
 * would be work done for nothing on every message. When the timer fires, every due entry is
 * checked and the timer is set again for the earliest remaining one.
 */
export class DeadlineWatch {
  private readonly entries = new Set<Watched>();
  private timer: NodeJS.Timeout | null = null;
  /** When the timer fires (ms, the clock's time base); meaningful while `timer` is set. */
  private timerDue = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Watches a deadline; returns its remover. */
  watch(due: number, check: (now: number) => number | null): () => void {
    const entry: Watched = { due, check };
    this.entries.add(entry);
    if (!this.timer || due < this.timerDue) this.schedule(due);
    return () => {
      this.entries.delete(entry);
    };
  }

  /** Deadlines being watched. */
  get size(): number {
    return this.entries.size;
  }

  private schedule(due: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timerDue = due;
    this.timer = setTimeout(() => this.fire(), Math.max(0, due - this.now()));
    // it may outlive the invocations it was set for (they are not cleared one by one): it must
    // not keep the process alive by itself
    this.timer.unref?.();
  }

  private fire(): void {
    this.timer = null;
    const now = this.now();
    let earliest = Infinity;
    for (const entry of [...this.entries]) {
      if (!this.entries.has(entry)) continue; // removed by an earlier check
      if (entry.due <= now) {
        const next = entry.check(now);
        if (next === null) {
          this.entries.delete(entry);
          continue;
        }
        entry.due = next;
      }
      if (entry.due < earliest) earliest = entry.due;
    }
    if (earliest !== Infinity && (!this.timer || earliest < this.timerDue)) this.schedule(earliest);
  }
}
