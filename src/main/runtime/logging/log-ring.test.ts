import { describe, expect, it } from 'vitest';
import { estimateEntryBytes, LogRing } from './log-ring';

const line = (msg: string) => ({ time: 0, level: 'info' as const, name: 't', msg });

describe('LogRing', () => {
  it('keeps only the newest `capacity` entries, oldest first', () => {
    const ring = new LogRing(3);
    for (const m of ['a', 'b', 'c', 'd', 'e']) ring.push(line(m));
    expect(ring.size).toBe(3);
    expect(ring.tail(10).map((e) => e.msg)).toEqual(['c', 'd', 'e']);
    expect(ring.tail(10).map((e) => e.seq)).toEqual([2, 3, 4]);
    expect(ring.lastSeq).toBe(4);
  });

  it('tails by limit and by afterSeq', () => {
    const ring = new LogRing(100);
    for (let i = 0; i < 10; i++) ring.push(line(String(i)));
    expect(ring.tail(2).map((e) => e.msg)).toEqual(['8', '9']);
    expect(ring.tail(100, 6).map((e) => e.msg)).toEqual(['7', '8', '9']);
    expect(ring.tail(100, 9)).toEqual([]);
    expect(ring.tail(1, 3).map((e) => e.msg)).toEqual(['9']);
  });

  it('returns only what is still held when afterSeq is older than the buffer', () => {
    const ring = new LogRing(2);
    for (let i = 0; i < 5; i++) ring.push(line(String(i)));
    expect(ring.tail(100, 0).map((e) => e.seq)).toEqual([3, 4]);
  });

  it('is empty at start', () => {
    const ring = new LogRing(5);
    expect(ring.lastSeq).toBe(-1);
    expect(ring.tail(5)).toEqual([]);
  });

  it('notifies listeners and isolates a throwing one', () => {
    const ring = new LogRing(5);
    const seen: string[] = [];
    ring.subscribe(() => {
      throw new Error('bad listener');
    });
    const off = ring.subscribe((e) => seen.push(e.msg));
    ring.push(line('x'));
    off();
    ring.push(line('y'));
    expect(seen).toEqual(['x']);
  });

  it('refuses a nonsensical capacity', () => {
    expect(() => new LogRing(0)).toThrow(RangeError);
  });
});

describe('LogRing byte bound', () => {
  const sized = (msg: string) => ({ time: 0, level: 'info' as const, name: 't', msg });

  it('drops the oldest entries once the byte limit is passed, keeping seqs and tail consistent', () => {
    const ring = new LogRing(1_000, 10_000);
    for (let i = 0; i < 100; i++) ring.push(sized(String(i)), 1_000);
    expect(ring.size).toBe(10);
    expect(ring.bytes).toBe(10_000);
    expect(ring.tail(100).map((e) => e.msg)).toEqual([
      '90',
      '91',
      '92',
      '93',
      '94',
      '95',
      '96',
      '97',
      '98',
      '99',
    ]);
    expect(ring.tail(100, 95).map((e) => e.seq)).toEqual([96, 97, 98, 99]);
  });

  it('always keeps the newest entry even when it alone is over the limit', () => {
    const ring = new LogRing(10, 100);
    ring.push(sized('a'), 50);
    ring.push(sized('huge'), 5_000);
    expect(ring.tail(10).map((e) => e.msg)).toEqual(['huge']);
    ring.push(sized('b'), 10);
    expect(ring.tail(10).map((e) => e.msg)).toEqual(['b']);
    expect(ring.bytes).toBe(10);
  });

  it('the entry bound and the byte bound work together', () => {
    const ring = new LogRing(5, 1_000_000);
    for (let i = 0; i < 20; i++) ring.push(sized(String(i)), 100);
    expect(ring.size).toBe(5);
    expect(ring.bytes).toBe(500);
  });

  it('estimates at least two bytes per character of text', () => {
    const entry = { ...sized('x'.repeat(1_000)), fields: { a: 'y'.repeat(500) } };
    expect(estimateEntryBytes(entry)).toBeGreaterThan(2 * 1_500);
  });

  it('refuses a non-positive byte limit', () => {
    expect(() => new LogRing(10, 0)).toThrow(RangeError);
  });
});
