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

  it('keeps going after a task throws synchronously, and reports the error', async () => {
    const errors: unknown[] = [];
    const q = new SourceQueue(1_000, (err) => errors.push(err));
    await q.run('a', () => {
      throw new Error('sync boom');
    });
    expect(errors).toEqual([new Error('sync boom')]);
    let ran = false;
    await q.run('a', async () => void (ran = true));
    expect(ran).toBe(true);
  });

  it('keeps going after a task fails, and reports the error', async () => {
    const errors: unknown[] = [];
    const q = new SourceQueue(1_000, (err) => errors.push(err));
    await q.run('a', async () => {
      throw new Error('boom');
    });
    expect(errors).toEqual([new Error('boom')]);
    let ran = false;
    await q.run('a', async () => void (ran = true));
    expect(ran).toBe(true);
  });

  it('a task that finishes synchronously leaves nothing to wait for', async () => {
    const q = new SourceQueue(1_000);
    const log: string[] = [];
    expect(q.run('a', () => void log.push('a1'))).toBeUndefined();
    expect(q.size).toBe(0);
    // the next one from the same source is not held behind anything
    expect(q.run('a', () => void log.push('a2'))).toBeUndefined();
    expect(log).toEqual(['a1', 'a2']);
    // one that goes asynchronous is waited for
    let release!: () => void;
    const pending = q.run('a', () => new Promise<void>((r) => (release = r)));
    expect(pending).toBeInstanceOf(Promise);
    void q.run('a', () => void log.push('a3'));
    expect(log).toEqual(['a1', 'a2']);
    release();
    await pending;
    await new Promise((r) => setTimeout(r, 0));
    expect(log).toEqual(['a1', 'a2', 'a3']);
  });
});
