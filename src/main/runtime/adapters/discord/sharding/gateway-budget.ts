/**
 * What one gateway connection may still send. Discord closes a connection that sends more than
 * 120 payloads in 60 s (close code 4008). discord.js sends heartbeats, identify/resume and
 * presence updates on its own, so the adapter keeps a reserve for them and spends the rest on
 * member requests (op 8). A sliding window: never more than `limit` in any `windowMs`, whatever
 * the window's alignment on Discord's side.
 */
export class GatewayBudget {
  private readonly sent: number[] = [];

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new Error(`gateway budget: limit must be ≥ 1 (got ${limit})`);
  }

  /** Spends one send if the window allows it, leaving `keep` sends unspent. */
  tryTake(now = Date.now(), keep = 0): boolean {
    this.expire(now);
    if (this.sent.length >= this.limit - keep) return false;
    this.sent.push(now);
    return true;
  }

  /** Milliseconds until a send is allowed that leaves `keep` unspent (0: now). */
  waitMs(now = Date.now(), keep = 0): number {
    this.expire(now);
    const over = this.sent.length - (this.limit - keep);
    if (over < 0) return 0;
    return Math.max(0, this.sent[over]! + this.windowMs - now);
  }

  get used(): number {
    return this.sent.length;
  }

  private expire(now: number): void {
    while (this.sent.length && now - this.sent[0]! >= this.windowMs) this.sent.shift();
  }
}
