import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SendQueue, SendQueueCleared, SendQueueFull } from './flood-control';

describe('SendQueue (outgoing flood control)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function queue(burst: number, perSecond: number, maxLines?: number) {
    const written: { line: string; at: number }[] = [];
    let connected = true;
    const q = new SendQueue(
      { burst, perSecond },
      (line) => {
        if (!connected) return false;
        written.push({ line, at: Date.now() });
        return true;
      },
      undefined,
      maxLines,
    );
    return { q, written, setConnected: (on: boolean) => (connected = on) };
  }

  it('sends a burst at once, then the steady rate, in order, dropping nothing', async () => {
    const { q, written } = queue(3, 2);
    q.resume();
    const start = Date.now();
    const done = q.enqueue(Array.from({ length: 9 }, (_, i) => `line ${i}`));
    expect(written.map((w) => w.line)).toEqual(['line 0', 'line 1', 'line 2']);
    await vi.advanceTimersByTimeAsync(3_000);
    await done;
    expect(written.map((w) => w.line)).toEqual(Array.from({ length: 9 }, (_, i) => `line ${i}`));
    // 6 lines after the burst at 2/s: the last one 3 s after the start
    expect(written.at(-1)!.at - start).toBeGreaterThanOrEqual(2_999);
    expect(written[3]!.at - start).toBeGreaterThanOrEqual(499);
  });

  it('resolves each batch when its last line was written', async () => {
    const { q } = queue(1, 1);
    q.resume();
    const order: string[] = [];
    const a = q.enqueue(['a1', 'a2']).then(() => order.push('a'));
    const b = q.enqueue(['b1']).then(() => order.push('b'));
    await vi.advanceTimersByTimeAsync(5_000);
    await Promise.all([a, b]);
    expect(order).toEqual(['a', 'b']);
  });

  it('waits while paused and when the connection refuses a line, without losing it', async () => {
    const { q, written, setConnected } = queue(5, 5);
    const done = q.enqueue(['x', 'y']);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(written).toEqual([]);
    setConnected(false);
    q.resume();
    expect(q.isPaused).toBe(true);
    expect(q.length).toBe(2);
    setConnected(true);
    q.resume();
    await done;
    expect(written.map((w) => w.line)).toEqual(['x', 'y']);
  });

  it('one line with nothing waiting is written at once; refused, it is kept for resume()', async () => {
    const { q, written, setConnected } = queue(3, 1);
    q.resume();
    await q.enqueue(['now']);
    expect(written.map((w) => w.line)).toEqual(['now']);
    setConnected(false);
    let settled = false;
    const kept = q.enqueue(['kept']).then(() => (settled = true));
    expect(q.isPaused).toBe(true);
    expect(q.length).toBe(1);
    await vi.advanceTimersByTimeAsync(10);
    expect(settled).toBe(false);
    setConnected(true);
    q.resume();
    await kept;
    expect(written.map((w) => w.line)).toEqual(['now', 'kept']);
    // without a token the single line waits its turn like any other
    await q.enqueue(['third']);
    const late = q.enqueue(['fourth']);
    expect(written.map((w) => w.line)).toEqual(['now', 'kept', 'third']);
    await vi.advanceTimersByTimeAsync(1_000);
    await late;
    expect(written.map((w) => w.line)).toEqual(['now', 'kept', 'third', 'fourth']);
  });

  it('puts priority batches (JOINs after a reconnect) first', async () => {
    const { q, written } = queue(10, 10);
    void q.enqueue(['PRIVMSG #a :queued while away']);
    void q.enqueue(['JOIN #a'], { priority: true });
    q.resume();
    expect(written.map((w) => w.line)).toEqual(['JOIN #a', 'PRIVMSG #a :queued while away']);
  });

  it('refuses (rejects) rather than silently dropping when full; clear() rejects what waits', async () => {
    const { q } = queue(1, 1, 3);
    await expect(q.enqueue(['1', '2', '3', '4'])).rejects.toBeInstanceOf(SendQueueFull);
    const waiting = q.enqueue(['1', '2']);
    q.clear('stopping');
    await expect(waiting).rejects.toBeInstanceOf(SendQueueCleared);
    expect(q.length).toBe(0);
  });

  it('a fresh connection starts with a full bucket; the rate can change', async () => {
    const { q, written } = queue(2, 1);
    q.resume();
    await q.enqueue(['a', 'b']);
    q.refill();
    void q.enqueue(['c', 'd', 'e']);
    expect(written.map((w) => w.line)).toEqual(['a', 'b', 'c', 'd']);
    q.setRate({ burst: 2, perSecond: 100 });
    await vi.advanceTimersByTimeAsync(20);
    expect(written.map((w) => w.line)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
