import type { RpcErrorEntry } from '../../../shared/dto/rpc';

const WINDOW_S = 10;
const MAX_ERRORS = 20;

/** Request counts for requests/s (a 10 s window of per-second buckets) and the last errors. */
export class RpcStats {
  total = 0;
  private readonly buckets = new Array<number>(WINDOW_S).fill(0);
  private bucketSecond = 0;
  private readonly errors: RpcErrorEntry[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  countRequest(): void {
    this.total++;
    this.advance();
    this.buckets[this.bucketSecond % WINDOW_S]!++;
  }

  recordError(entry: Omit<RpcErrorEntry, 'time'>): void {
    this.errors.push({ time: this.now(), ...entry });
    if (this.errors.length > MAX_ERRORS) this.errors.shift();
  }

  get requestsPerSecond(): number {
    this.advance();
    // the current second is partial: average over the full seconds before it
    const current = this.bucketSecond % WINDOW_S;
    let sum = 0;
    for (let i = 0; i < WINDOW_S; i++) if (i !== current) sum += this.buckets[i]!;
    return Math.round((sum / (WINDOW_S - 1)) * 10) / 10;
  }

  get lastErrors(): RpcErrorEntry[] {
    return [...this.errors];
  }

  private advance(): void {
    const second = Math.floor(this.now() / 1000);
    if (second === this.bucketSecond) return;
    const gap = Math.min(second - this.bucketSecond, WINDOW_S);
    for (let i = 1; i <= gap; i++) this.buckets[(this.bucketSecond + i) % WINDOW_S] = 0;
    this.bucketSecond = second;
  }
}
