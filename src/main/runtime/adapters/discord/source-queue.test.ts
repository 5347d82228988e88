import { describe, expect, it } from 'vitest';
import { SourceQueue } from './source-queue';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SourceQueue', () => {
  it('runs messages of one source in order, others at once', async () => {
    const q = new SourceQueue(1_000);
    const log: string[] = [];
    let release!: () => void;
    const first = q.run('a', async () => {
      log.push('a1 start');
      await new Promise<void>((r) => (release = r));
      log.push('a1 end');
    });
    const second = q.run('a', async () => void log.push('a2'));
    const other = q.run('b', async () => void log.push('b1'));
    await other;
    expect(log).toEqual(['a1 start', 'b1']);
    release();
    await Promise.all([first, second]);
    expect(log).toEqual(['a1 start', 'b1', 'a1 end', 'a2']);
    expect(q.size).toBe(0);
  });

  it('does not let a slow message hold the next one longer than maxWaitMs', async () => {
    const q = new SourceQueue(30);
    const log: string[] = [];
    void q.run('a', () => tick(500).then(() => void log.push('slow')));
    const started = Date.now();
    await q.run('a', async () => void log.push('next'));
    expect(log).toEqual(['next']);
    expect(Date.now() - started).toBeLessThan(400);
  });

  it('starts a task with nothing ahead of it at once, not a microtask later', () => {
    const q = new SourceQueue(1_000);
    const log: string[] = [];
    void q.run('a', async () => void log.push('a1'));
    expect(log).toEqual(['a1']);
    void q.run('a', async () => void log.push('a2'));
    expect(log).toEqual(['a1']); // behind a1: waits its turn
  });

  it('keeps going after a task throws synchronously', async () => {
    const q = new SourceQueue(1_000);
    await q.run('a', (() => {
      throw new Error('sync boom');
    }) as unknown as () => Promise<void>);
    let ran = false;
    await q.run('a', async () => void (ran = true));
    expect(ran).toBe(true);
  });

  it('keeps going after a task fails', async () => {
    const q = new SourceQueue(1_000);
    await q.run('a', async () => {
      throw new Error('boom');
    });
    let ran = false;
    await q.run('a', async () => void (ran = true));
    expect(ran).toBe(true);
  });
});
