import type { MetricsWindow } from '../../shared/dto/metrics';

/** Three ticks of a runtime time series (the Status charts' tests). */
export const SAMPLE_METRICS: MetricsWindow = {
  resolutionMs: 1000,
  capacity: 900,
  t: [1_700_000_000_000, 1_700_000_001_000, 1_700_000_002_000],
  series: {
    messages: [1, 4, 2.5],
    commands: [0, 1, 0.5],
    errors: [0, 0, 1],
    rssMb: [120, 121.5, 122],
    heapUsedMb: [40, 41, 42.25],
    loopLagMs: [null, 11.2, 12.4],
    'latency:console': [0, 0, 0],
    'latency:irc': [50, null, null],
  },
};
