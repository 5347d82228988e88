import { describe, expect, it } from 'vitest';
import { createLogging } from '../logging/logging';
import { CleanupRegistry } from './cleanup-registry';

function registry() {
  const logging = createLogging({ console: false });
  return { reg: new CleanupRegistry(logging.child('cleanup')), ring: logging.ring };
}

describe('CleanupRegistry', () => {
  it('runs handlers first-in first-out with their arguments', async () => {
    const { reg } = registry();
    const order: string[] = [];
    reg.register((a: string, b: number) => void order.push(`${a}${b}`), ['a', 1]);
    reg.register(
      async (x: string) => {
        await new Promise((r) => setTimeout(r, 5));
        order.push(x);
      },
      ['b'],
    );
    reg.register(() => void order.push('c'), []);
    const report = await reg.runAll(1000);
    expect(order).toEqual(['a1', 'b', 'c']);
    expect(report).toEqual({ ran: 3, failed: 0, timedOut: 0 });
    expect(reg.size).toBe(0);
  });

  it('logs a failing handler and keeps going', async () => {
    const { reg, ring } = registry();
    const order: string[] = [];
    reg.register(
      () => {
        throw new Error('nope');
      },
      [],
      'broken',
    );
    reg.register(() => void order.push('after'), []);
    const report = await reg.runAll(1000);
    expect(order).toEqual(['after']);
    expect(report.failed).toBe(1);
    expect(ring.tail(10).some((e) => e.level === 'error' && e.fields?.handler === 'broken')).toBe(true);
  });

  it('never waits forever on a hanging handler', async () => {
    const { reg } = registry();
    const order: string[] = [];
    reg.register(() => new Promise(() => undefined), [], 'hangs');
    reg.register(() => void order.push('after'), []);
    const started = Date.now();
    const report = await reg.runAll(50);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(report.timedOut).toBe(1);
    expect(order).toEqual(['after']);
  });

  it('unregisters through the disposer', async () => {
    const { reg } = registry();
    const order: string[] = [];
    const dispose = reg.register(() => void order.push('x'), []);
    dispose();
    await reg.runAll(100);
    expect(order).toEqual([]);
  });
});
