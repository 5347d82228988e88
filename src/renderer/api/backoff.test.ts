import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  const opts = { baseMs: 500, maxMs: 10_000, jitter: 0 };

  it('doubles from the base and is capped', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 50].map((a) => backoffDelay(a, opts))).toEqual([
      500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000,
    ]);
  });

  it('adds bounded jitter and never exceeds the cap', () => {
    const withJitter = { ...opts, jitter: 0.2 };
    expect(backoffDelay(0, withJitter, () => 1)).toBe(600);
    expect(backoffDelay(0, withJitter, () => 0)).toBe(500);
    expect(backoffDelay(10, withJitter, () => 1)).toBe(10_000);
  });
});
