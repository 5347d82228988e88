import { MetricsSampleSchema } from '../dto/metrics';

/** One new tick of the runtime time series (about once a second). */
export const metricsEvents = {
  metrics: MetricsSampleSchema,
} as const;
