import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventFrame } from '../../shared/contract';
import { EventHub } from './event-hub';

const entry = (seq: number) => ({ seq, time: 0, level: 'info' as const, name: 't', msg: `m${seq}` });

describe('EventHub', () => {
  afterEach(() => vi.useRealTimers());

  it('batches many log lines into one frame per interval', () => {
    vi.useFakeTimers();
    const hub = new EventHub({ batchMs: 25 });
    const frames: EventFrame[] = [];
    hub.subscribe((f) => frames.push(f));
    for (let i = 0; i < 1000; i++) hub.push('logs', [entry(i)]);
    expect(frames).toHaveLength(0);
    vi.advanceTimersByTime(25);
    expect(frames).toHaveLength(1);
    const logs = frames[0]!.find((e) => e.event === 'logs');
    expect(logs?.data).toHaveLength(1000);
  });

  it('clamps the interval to 16–50 ms', () => {
    vi.useFakeTimers();
    const hub = new EventHub({ batchMs: 1 });
    const frames: EventFrame[] = [];
    hub.subscribe((f) => frames.push(f));
    hub.push('logs', [entry(1)]);
    vi.advanceTimersByTime(15);
    expect(frames).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(frames).toHaveLength(1);
  });

  it('collects nothing while nobody listens', () => {
    vi.useFakeTimers();
    const hub = new EventHub();
    hub.push('logs', [entry(1)]);
    const frames: EventFrame[] = [];
    hub.subscribe((f) => frames.push(f));
    vi.advanceTimersByTime(100);
    expect(frames).toHaveLength(0);
  });

  it('sends only the newest status of a batch and keeps order status, logs, console', () => {
    vi.useFakeTimers();
    const hub = new EventHub();
    const frames: EventFrame[] = [];
    hub.subscribe((f) => frames.push(f));
    hub.push('console', [{ session: 'panel', requestId: null, kind: 'response', text: 'x', time: 0 }]);
    hub.push('status', { state: 'starting' } as never);
    hub.push('logs', [entry(1)]);
    hub.push('status', { state: 'running' } as never);
    hub.flush();
    expect(frames[0]!.map((e) => e.event)).toEqual(['status', 'logs', 'console']);
    expect((frames[0]![0]!.data as { state: string }).state).toBe('running');
  });

  it('reads a snapshot event once per frame, when it goes out, and never while nobody listens', () => {
    vi.useFakeTimers();
    const hub = new EventHub();
    let reads = 0;
    const running = () => {
      reads++;
      return [] as never;
    };
    hub.pushSnapshot('invocations', running); // nobody listens: not even kept
    const frames: EventFrame[] = [];
    hub.subscribe((f) => frames.push(f));
    for (let i = 0; i < 100; i++) hub.pushSnapshot('invocations', running);
    expect(reads).toBe(0);
    vi.advanceTimersByTime(50);
    expect(reads).toBe(1);
    expect(frames).toHaveLength(1);
    expect(frames[0]!.map((e) => e.event)).toEqual(['invocations']);
    // a snapshot that cannot be read is left out; the rest of the frame still goes
    hub.pushSnapshot('invocations', () => {
      throw new Error('busy');
    });
    hub.push('logs', [entry(1)]);
    hub.flush();
    expect(frames[1]!.map((e) => e.event)).toEqual(['logs']);
  });

  it('isolates a throwing subscriber', () => {
    const hub = new EventHub();
    const got: number[] = [];
    hub.subscribe(() => {
      throw new Error('x');
    });
    hub.subscribe((f) => got.push(f.length));
    hub.push('logs', [entry(1)]);
    hub.flush();
    expect(got).toEqual([1]);
  });
});
