import { describe, expect, it } from 'vitest';
import { SAMPLE_METRICS } from '../../test-support/sample-metrics';
import { alignedData, chartsFor, latest } from './chart-data';
import { appendSample, createMetricsStore } from './metrics-store';

describe('metrics store', () => {
  it('appends a pushed tick, trims to the capacity and gives a new series gaps before it', () => {
    const small = { ...SAMPLE_METRICS, capacity: 3 };
    const next = appendSample(small, {
      t: 1_700_000_003_000,
      values: { messages: 9, 'latency:discord': 80 },
    });
    expect(next.t).toEqual([1_700_000_001_000, 1_700_000_002_000, 1_700_000_003_000]);
    expect(next.series.messages).toEqual([4, 2.5, 9]);
    expect(next.series.commands).toEqual([1, 0.5, null]); // missing in the tick: a gap
    expect(next.series['latency:discord']).toEqual([null, null, 80]);
  });

  it('ignores a tick that is not newer than the last (a late or repeated push)', () => {
    expect(appendSample(SAMPLE_METRICS, { t: 1_700_000_002_000, values: { messages: 99 } })).toBe(
      SAMPLE_METRICS,
    );
  });

  it('drops pushed ticks until the window is loaded, then keeps them', () => {
    const store = createMetricsStore();
    store.getState().append({ t: 1, values: { messages: 1 } });
    expect(store.getState().window).toBeNull();
    store.getState().setWindow(SAMPLE_METRICS);
    store.getState().append({ t: 1_700_000_003_000, values: { messages: 7 } });
    expect(store.getState().window!.series.messages!.at(-1)).toBe(7);
  });
});

describe('chart data', () => {
  it('has the fixed charts and one latency line per adapter', () => {
    const charts = chartsFor(SAMPLE_METRICS);
    expect(charts.map((c) => c.id)).toEqual(['activity', 'memory', 'lag', 'latency']);
    expect(charts[3]!.series.map((s) => s.label)).toEqual(['console', 'irc']);
  });

  it('gives uPlot seconds on x and null for a series the window lacks', () => {
    const [x, ...ys] = alignedData(
      { ...SAMPLE_METRICS, series: { messages: [1, 2, 3] } },
      chartsFor(SAMPLE_METRICS)[0]!,
    );
    expect(x).toEqual([1_700_000_000, 1_700_000_001, 1_700_000_002]);
    expect(ys).toEqual([
      [1, 2, 3],
      [null, null, null],
      [null, null, null],
    ]);
  });

  it('reads the newest measured value for the legend', () => {
    expect(latest(SAMPLE_METRICS, 'latency:irc')).toBe(50);
    expect(latest(SAMPLE_METRICS, 'nothing')).toBeNull();
  });
});
