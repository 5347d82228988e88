import type { FinishedInvocation } from '../../../../shared/dto/running';
import type { Invocation } from './invocation';

/** Finished invocations kept for the panel's Running view: a fixed-size ring, O(1) per entry. */
export class InvocationHistory {
  private readonly items: (FinishedInvocation | undefined)[];
  private next = 0;
  private count = 0;

  constructor(private readonly capacity = 200) {
    this.items = new Array<FinishedInvocation | undefined>(capacity);
  }

  record(
    inv: Invocation,
    outcome: FinishedInvocation['outcome'],
    ms: number,
    detail: string | null,
    errorId: string | null,
  ): void {
    // Object.assign onto the summary, not `{ ...summary, more }`: V8 builds a literal with
    // fields after a spread on a slow path (~4 µs here, once per command)
    this.items[this.next] = Object.assign(inv.summary(), {
      text: inv.msg.text.slice(0, 200),
      startedAt: inv.startedAt,
      ms: Math.round(ms),
      outcome,
      detail: detail === null ? null : detail.slice(0, 500),
      errorId: errorId || null,
    });
    this.next = (this.next + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
  }

  /** Up to `limit` newest entries, oldest first. */
  list(limit = this.capacity): FinishedInvocation[] {
    const n = Math.min(limit, this.count);
    const out: FinishedInvocation[] = [];
    for (let i = n; i > 0; i--) out.push(this.items[(this.next - i + this.capacity) % this.capacity]!);
    return out;
  }
}
