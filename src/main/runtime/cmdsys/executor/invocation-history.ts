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
    // one literal with every field: cheaper than a summary plus Object.assign (or a spread),
    // and every entry shares one shape (this runs once per command)
    const { msg } = inv;
    this.items[this.next] = {
      id: inv.id,
      command: inv.commandName,
      network: msg.network,
      adapterId: msg.adapterId,
      author: msg.author.displayName,
      channel: msg.channel.name,
      guild: msg.guild?.name ?? null,
      text: msg.text.length > 200 ? msg.text.slice(0, 200) : msg.text,
      startedAt: inv.startedAt,
      ms: Math.round(ms),
      outcome,
      detail: detail === null ? null : detail.slice(0, 500),
      errorId: errorId || null,
    };
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
