import { z } from 'zod';

/** Counters sampled as per-second rates. */
export const RATE_SERIES = ['messages', 'commands', 'errors'] as const;
/** Gauges sampled as they are at each tick. */
export const GAUGE_SERIES = ['rssMb', 'heapUsedMb', 'loopLagMs'] as const;
/** Per-adapter gateway/ping latency series are named `latency:<adapter id>`. */
export const LATENCY_PREFIX = 'latency:';

/** A series value: null where nothing was measured (an adapter offline, a gap). */
const Value = z.number().nullable();

/** One tick of the runtime's time series. */
export const MetricsSampleSchema = z.object({
  /** Epoch ms of the tick. */
  t: z.number(),
  values: z.record(z.string(), Value),
});
export type MetricsSample = z.infer<typeof MetricsSampleSchema>;

/** The whole in-memory window, column by column, oldest first. */
export const MetricsWindowSchema = z.object({
  resolutionMs: z.number().int().positive(),
  capacity: z.number().int().positive(),
  t: z.array(z.number()),
  /** Series name → one value per entry of `t`. */
  series: z.record(z.string(), z.array(Value)),
});
export type MetricsWindow = z.infer<typeof MetricsWindowSchema>;
