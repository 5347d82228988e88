import { describe, expect, it } from 'vitest';
import { AsyncLock } from './async-lock';

describe('AsyncLock', () => {
  it('runs at once when free, hands over in FIFO order, and frees when the last one releases', async () => {
    const lock = new AsyncLock();
    const order: string[] = [];
    const a = {};
    await lock.acquire(a);
    expect(lock.owner).toBe(a);
    const b = {};
    const c = {};
    const gotB = lock.acquire(b).then(() => order.push('b'));
    const ran = lock.run(() => order.push('run'));
    const gotC = lock.acquire(c).then(() => order.push('c'));
    expect(lock.queued).toBe(3);
    await Promise.resolve();
    expect(order).toEqual([]);
    lock.release(a);
    await gotB;
    expect(lock.owner).toBe(b);
    lock.release(b);
    await ran;
    await gotC;
    expect(order).toEqual(['b', 'run', 'c']);
    lock.release(c);
    expect(lock.busy).toBe(false);
  });

  it('run() is synchronous when free and passes errors on', async () => {
    const lock = new AsyncLock();
    let ran = false;
    const p = lock.run(() => (ran = true));
    expect(ran).toBe(true);
    await p;
    await expect(
      lock.run(() => {
        throw new Error('x');
      }),
    ).rejects.toThrow('x');
    expect(lock.busy).toBe(false);
  });

  it('refuses a release by someone who does not hold it', () => {
    const lock = new AsyncLock();
    expect(() => lock.release({})).toThrow(/non-holder/);
  });
});
