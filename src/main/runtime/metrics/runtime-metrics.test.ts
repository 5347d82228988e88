import { afterEach, describe, expect, it } from 'vitest';
import type { MetricsSample } from '../../../shared/dto/metrics';
import { RuntimeMetrics } from './runtime-metrics';

const MB = 1024 * 1024;
let metrics: RuntimeMetrics | null = null;
afterEach(() => metrics?.stop());

function create(latencies: { id: string; latencyMs: number | null }[] = []): RuntimeMetrics {
  metrics = new RuntimeMetrics({
    capacity: 3,
    latencies: () => latencies,
    memory: () => ({ rss: 100 * MB, heapUsed: 25.5 * MB }),
  });
  return metrics;
}

describe('RuntimeMetrics', () => {
  it('turns counts into per-second rates over the time since the last tick, then starts again', () => {
    const m = create();
    m.tick(10_000);
    m.count('messages', 10);
    m.count('commands', 3);
    m.count('errors');
    const sample = m.tick(12_000); // two seconds later
    expect(sample.values).toMatchObject({
      messages: 5,
      commands: 1.5,
      errors: 0.5,
      rssMb: 100,
      heapUsedMb: 25.5,
    });
    expect(m.tick(13_000).values).toMatchObject({ messages: 0, commands: 0, errors: 0 });
  });

  it('reads the commands started from a running count once per tick (no per-command cost)', () => {
    let started = 7; // commands run before the metrics started are not counted
    metrics = new RuntimeMetrics({
      latencies: () => [],
      memory: () => ({ rss: MB, heapUsed: MB }),
      commandsStarted: () => started,
    });
    metrics.start();
    metrics.tick(10_000);
    started += 4;
    metrics.count('commands'); // counted explicitly as well
    expect(metrics.tick(12_000).values['commands']).toBe(2.5);
    expect(metrics.tick(13_000).values['commands']).toBe(0);
  });

  it('records each adapter latency as its own series, null while it has none', () => {
    const latencies = [
      { id: 'discord', latencyMs: 42 },
      { id: 'irc', latencyMs: null },
    ];
    const m = create(latencies);
    m.tick(1_000);
    latencies[1]!.latencyMs = 7;
    m.tick(2_000);
    const window = m.window();
    expect(window.series['latency:discord']).toEqual([42, 42]);
    expect(window.series['latency:irc']).toEqual([null, 7]);
  });

  it('keeps a fixed window and tells listeners of every tick; a throwing listener hurts nobody', () => {
    const m = create();
    const seen: MetricsSample[] = [];
    m.onSample(() => {
      throw new Error('broken listener');
    });
    const off = m.onSample((s) => seen.push(s));
    for (let i = 1; i <= 5; i++) m.tick(i * 1000);
    off();
    m.tick(6_000);
    expect(seen.map((s) => s.t)).toEqual([1000, 2000, 3000, 4000, 5000]);
    expect(m.window()).toMatchObject({ resolutionMs: 1000, capacity: 3, t: [4000, 5000, 6000] });
  });

  it('measures event-loop lag once started: a blocked loop shows up in the next tick', async () => {
    const m = create();
    m.start();
    m.start(); // idempotent
    await new Promise((r) => setTimeout(r, 30));
    const until = Date.now() + 120;
    while (Date.now() < until) {
      // block the loop
    }
    await new Promise((r) => setTimeout(r, 30));
    const lag = m.tick().values.loopLagMs;
    expect(lag).not.toBeNull();
    expect(lag!).toBeGreaterThanOrEqual(100);
    m.stop();
    expect(m.tick().values.loopLagMs).toBeNull();
  });
});
