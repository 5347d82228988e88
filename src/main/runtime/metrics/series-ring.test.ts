import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeriesRing } from './series-ring';

describe('SeriesRing', () => {
  it('keeps the newest `capacity` ticks, oldest first', () => {
    const ring = new SeriesRing(3);
    for (let i = 1; i <= 5; i++) ring.push(i * 1000, { a: i });
    expect(ring.size).toBe(3);
    expect(ring.snapshot()).toEqual({ t: [3000, 4000, 5000], series: { a: [3, 4, 5] } });
  });

  it('shows a series that appears late, or skips a tick, as gaps (null)', () => {
    const ring = new SeriesRing(4);
    ring.push(1, { a: 1 });
    ring.push(2, { a: 2, b: 20 });
    ring.push(3, { b: 30 });
    ring.push(4, { a: null, b: Number.POSITIVE_INFINITY });
    expect(ring.snapshot().series).toEqual({ a: [1, 2, null, null], b: [null, 20, 30, null] });
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new SeriesRing(0)).toThrow(/positive integer/);
    expect(() => new SeriesRing(1.5)).toThrow(/positive integer/);
  });

  it('always equals the last `capacity` pushes (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.integer(), { maxLength: 60 }),
        (cap, values) => {
          const ring = new SeriesRing(cap);
          values.forEach((v, i) => ring.push(i, { v }));
          const tail = values.slice(-cap);
          const snap = ring.snapshot();
          expect(snap.t).toEqual(tail.map((_, i) => values.length - tail.length + i));
          expect(snap.series.v ?? []).toEqual(tail);
        },
      ),
    );
  });
});
