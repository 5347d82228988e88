import { describe, expect, it } from 'vitest';
import { GatewayBudget } from './gateway-budget';
import { MemberFetchScheduler } from './member-scheduler';

/** Most sends seen in any window of `windowMs` (times sorted). */
function maxInWindow(times: number[], windowMs: number): number {
  let most = 0;
  for (let i = 0, j = 0; j < times.length; j++) {
    while (times[j]! - times[i]! >= windowMs) i++;
    most = Math.max(most, j - i + 1);
  }
  return most;
}

describe('GatewayBudget (sliding window)', () => {
  it('allows `limit` sends per window, frees each one a window after it was spent', () => {
    const budget = new GatewayBudget(3, 1_000);
    expect([0, 10, 20, 30].map((t) => budget.tryTake(t))).toEqual([true, true, true, false]);
    expect(budget.waitMs(30)).toBe(970);
    expect(budget.tryTake(999)).toBe(false);
    expect(budget.tryTake(1_000)).toBe(true);
    expect(budget.used).toBe(3);
  });

  it('keeps a reserve: a taker that must leave `keep` free stops earlier and waits longer', () => {
    const budget = new GatewayBudget(4, 1_000);
    expect([0, 100].map((t) => budget.tryTake(t, 2))).toEqual([true, true]);
    expect(budget.tryTake(200, 2)).toBe(false);
    expect(budget.waitMs(200, 2)).toBe(800);
    expect(budget.waitMs(200)).toBe(0);
    expect(budget.tryTake(200)).toBe(true);
  });

  it('refuses a limit below 1', () => {
    expect(() => new GatewayBudget(0, 1_000)).toThrow(/limit must be ≥ 1/);
  });
});

describe('MemberFetchScheduler', () => {
  it('never sends more than the limit in any window; background keeps the reserve and is spread out', async () => {
    const scheduler = new MemberFetchScheduler({ limit: 5, windowMs: 300, reserve: 2 });
    const sent: number[] = [];
    const jobs = Array.from({ length: 9 }, (_, i) =>
      scheduler.schedule(0, 'background', async () => {
        sent.push(Date.now());
        return i;
      }),
    );
    expect(await Promise.all(jobs)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(maxInWindow(sent, 300)).toBeLessThanOrEqual(3);
    expect(scheduler.stats).toEqual({ sent: 9, failed: 0, queued: 0 });
  });

  it('sends a request a command waits on before every queued background request', async () => {
    const scheduler = new MemberFetchScheduler({ limit: 4, windowMs: 200, reserve: 1 });
    const order: string[] = [];
    const background = Array.from({ length: 6 }, (_, i) =>
      scheduler.schedule(0, 'background', async () => void order.push(`bg${i}`)),
    );
    // bg0 went at once; the rest are paced
    expect(order).toEqual(['bg0']);
    expect(scheduler.pending(0)).toBe(5);
    await scheduler.schedule(0, 'waiting', async () => void order.push('whois'));
    expect(order).toEqual(['bg0', 'whois']);
    await Promise.all(background);
    expect(order.slice(2)).toEqual(['bg1', 'bg2', 'bg3', 'bg4', 'bg5']);
  });

  it('keeps shards apart: a spent shard does not hold up another', async () => {
    const scheduler = new MemberFetchScheduler({ limit: 2, windowMs: 60_000, reserve: 0 });
    const ran: number[] = [];
    void scheduler.schedule(0, 'waiting', async () => void ran.push(0));
    void scheduler.schedule(0, 'waiting', async () => void ran.push(0));
    const third = scheduler.schedule(0, 'waiting', async () => void ran.push(0));
    await scheduler.schedule(1, 'waiting', async () => void ran.push(1));
    expect(ran).toEqual([0, 0, 1]);
    expect(scheduler.pending(0)).toBe(1);
    scheduler.clear('test over');
    await expect(third).rejects.toThrow('test over');
  });

  it('queues a background list once per key; failures are counted and passed on', async () => {
    const scheduler = new MemberFetchScheduler({ limit: 2, windowMs: 60_000, reserve: 0 });
    expect(await scheduler.schedule(0, 'background', async () => 'sent at once', 'guild-0')).toBe(
      'sent at once',
    );
    // the next background request waits for its turn (spread over the window)
    const queued = scheduler.schedule(0, 'background', async () => 'a', 'guild-1');
    const again = scheduler.schedule(0, 'background', async () => 'b', 'guild-1');
    expect(await again).toBeNull();
    expect(scheduler.pending(0)).toBe(1);
    scheduler.clear('stopped');
    await expect(queued).rejects.toThrow('stopped');
    const failing = new MemberFetchScheduler();
    await expect(
      failing.schedule(3, 'waiting', async () => Promise.reject(new Error('timed out'))),
    ).rejects.toThrow('timed out');
    expect(failing.stats.failed).toBe(1);
  });
});
