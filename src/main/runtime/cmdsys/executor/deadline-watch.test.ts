import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeadlineWatch } from './deadline-watch';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => vi.useRealTimers());

describe('DeadlineWatch', () => {
  it('checks each deadline when it is due, earliest first, on one timer', () => {
    const watch = new DeadlineWatch();
    const fired: string[] = [];
    watch.watch(300, () => (fired.push('late'), null));
    watch.watch(100, () => (fired.push('early'), null));
    watch.watch(200, () => (fired.push('middle'), null));
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(99);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual(['early']);
    vi.advanceTimersByTime(100);
    expect(fired).toEqual(['early', 'middle']);
    vi.advanceTimersByTime(100);
    expect(fired).toEqual(['early', 'middle', 'late']);
    expect(watch.size).toBe(0);
  });

  it('a removed deadline is never checked, and later ones still are', () => {
    const watch = new DeadlineWatch();
    const first = vi.fn(() => null);
    const second = vi.fn(() => null);
    const remove = watch.watch(100, first);
    watch.watch(150, second);
    remove();
    vi.advanceTimersByTime(200);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('a check that returns a later time is checked again then (time spent waiting on the network)', () => {
    const watch = new DeadlineWatch();
    const times: number[] = [];
    watch.watch(100, (now) => {
      times.push(now);
      return times.length < 3 ? now + 50 : null;
    });
    vi.advanceTimersByTime(1_000);
    expect(times).toEqual([100, 150, 200]);
  });

  it('adding a deadline later than the timer does not reset it; an earlier one does', () => {
    const watch = new DeadlineWatch();
    const fired: number[] = [];
    watch.watch(1_000, () => (fired.push(1_000), null));
    watch.watch(5_000, () => (fired.push(5_000), null));
    watch.watch(10, () => (fired.push(10), null));
    vi.advanceTimersByTime(10);
    expect(fired).toEqual([10]);
    vi.advanceTimersByTime(5_000);
    expect(fired).toEqual([10, 1_000, 5_000]);
  });

  it('a check that removes another entry (aborting it) does not run the removed one', () => {
    const watch = new DeadlineWatch();
    const later = vi.fn(() => null);
    let removeOther = (): void => undefined;
    watch.watch(100, () => {
      removeOther();
      return null;
    });
    removeOther = watch.watch(100, later);
    vi.advanceTimersByTime(100);
    expect(later).not.toHaveBeenCalled();
  });
});
