import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import {
  LATENCY_PREFIX,
  type MetricsSample,
  type MetricsWindow,
  type RATE_SERIES,
} from '../../../shared/dto/metrics';
import { Listeners } from '../util/listeners';
import { SeriesRing } from './series-ring';

export type RateName = (typeof RATE_SERIES)[number];

export interface RuntimeMetricsOptions {
  /** Tick length (default 1 s). */
  resolutionMs?: number;
  /** Ticks kept (default 900: 15 minutes at 1 s). */
  capacity?: number;
  /** Adapter latencies right now (null: not connected / unknown). */
  latencies: () => Iterable<{ id: string; latencyMs: number | null }>;
  /**
   * Commands started so far (a running count read once per tick), so the hot path pays nothing
   * for the commands/s series; `count('commands')` adds to it.
   */
  commandsStarted?: () => number;
  /** Process memory (tests pass a fake). */
  memory?: () => { rss: number; heapUsed: number };
  onListenerError?: (err: unknown) => void;
}

const MB = 1024 * 1024;
const round2 = (n: number): number => Math.round(n * 100) / 100;

/**
 * The runtime's small in-memory time series: counters (messages, commands, errors) turned into
 * per-second rates, memory, event-loop lag and each adapter's latency, sampled once per tick
 * into a SeriesRing. Each tick is also handed to listeners (the panel's `metrics` event).
 */
export class RuntimeMetrics {
  readonly resolutionMs: number;
  private readonly ring: SeriesRing;
  private readonly counts: Record<RateName, number> = { messages: 0, commands: 0, errors: 0 };
  private readonly listeners: Listeners<MetricsSample>;
  private timer: NodeJS.Timeout | null = null;
  private lag: IntervalHistogram | null = null;
  private lastTick = 0;
  private commandsSeen = 0;

  constructor(private readonly options: RuntimeMetricsOptions) {
    this.resolutionMs = options.resolutionMs ?? 1_000;
    this.ring = new SeriesRing(options.capacity ?? 900);
    this.listeners = new Listeners(options.onListenerError ?? (() => undefined));
  }

  /** Counts one event toward this tick's rate. */
  count(name: RateName, n = 1): void {
    this.counts[name] += n;
  }

  /** Starts ticking (idempotent). */
  start(): void {
    if (this.timer) return;
    this.lag = monitorEventLoopDelay({ resolution: 10 });
    this.lag.enable();
    this.lastTick = Date.now();
    this.commandsSeen = this.options.commandsStarted?.() ?? 0;
    this.timer = setInterval(() => this.tick(), this.resolutionMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.lag?.disable();
    this.lag = null;
  }

  /** Takes one sample now (the timer calls this; tests call it directly). */
  tick(now = Date.now()): MetricsSample {
    const seconds = Math.max(0.001, (now - (this.lastTick || now - this.resolutionMs)) / 1000);
    this.lastTick = now;
    if (this.options.commandsStarted) {
      const started = this.options.commandsStarted();
      this.counts.commands += Math.max(0, started - this.commandsSeen);
      this.commandsSeen = started;
    }
    const mem = (this.options.memory ?? process.memoryUsage)();
    const values: Record<string, number | null> = {
      messages: round2(this.counts.messages / seconds),
      commands: round2(this.counts.commands / seconds),
      errors: round2(this.counts.errors / seconds),
      rssMb: round2(mem.rss / MB),
      heapUsedMb: round2(mem.heapUsed / MB),
      // the worst delay seen this tick (the histogram records in ns); null before it has data
      loopLagMs: this.lag && this.lag.count > 0 ? round2(this.lag.max / 1e6) : null,
    };
    this.lag?.reset();
    this.counts.messages = this.counts.commands = this.counts.errors = 0;
    for (const { id, latencyMs } of this.options.latencies()) values[`${LATENCY_PREFIX}${id}`] = latencyMs;
    const sample = { t: now, values };
    this.ring.push(now, values);
    this.listeners.emit(sample);
    return sample;
  }

  window(): MetricsWindow {
    return { resolutionMs: this.resolutionMs, capacity: this.ring.capacity, ...this.ring.snapshot() };
  }

  onSample(listener: (sample: MetricsSample) => void): () => void {
    return this.listeners.add(listener);
  }
}
