/**
 * A fixed-size window of numeric series sharing one time axis: a ring of `capacity` ticks, one
 * Float64Array per series. Memory stays constant however long the bot runs. A series that first
 * appears late reads as gaps (null) before it; NaN marks a tick where a series had no value.
 */
export class SeriesRing {
  private readonly times: Float64Array;
  private readonly columns = new Map<string, Float64Array>();
  /** Index the next tick is written to. */
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError('capacity must be a positive integer');
    this.times = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Adds one tick; series missing from `values` get a gap at this tick. */
  push(t: number, values: Readonly<Record<string, number | null>>): void {
    const at = this.head;
    this.times[at] = t;
    for (const [name, value] of Object.entries(values)) {
      let column = this.columns.get(name);
      if (!column) this.columns.set(name, (column = new Float64Array(this.capacity).fill(NaN)));
      column[at] = value === null || !Number.isFinite(value) ? NaN : value;
    }
    for (const [name, column] of this.columns) if (!(name in values)) column[at] = NaN;
    this.head = (at + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
  }

  /** Every series oldest first, gaps as null. */
  snapshot(): { t: number[]; series: Record<string, (number | null)[]> } {
    const start = (this.head - this.count + this.capacity) % this.capacity;
    const order = (column: Float64Array): number[] => {
      const out = new Array<number>(this.count);
      for (let i = 0; i < this.count; i++) out[i] = column[(start + i) % this.capacity]!;
      return out;
    };
    const series: Record<string, (number | null)[]> = {};
    for (const [name, column] of this.columns)
      series[name] = order(column).map((v) => (Number.isNaN(v) ? null : v));
    return { t: order(this.times), series };
  }
}
