import { z } from 'zod';
import { method } from './define';
import { MetricsWindowSchema } from '../dto/metrics';

export const metricsMethods = {
  'metrics.get': method(
    z.object({}).strict(),
    MetricsWindowSchema,
    'The runtime time series (rates, memory, event-loop lag, adapter latency), oldest first.',
  ),
} as const;
