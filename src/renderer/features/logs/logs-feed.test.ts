import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../shared/dto/log';
import { logEntries, runtimeFake } from '../../test-support/fake-client';
import { attachLogsFeed, loadOlderLogs, MIN_FLUSH_INTERVAL_MS } from './logs-feed';
import { createLogsStore } from './logs-store';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('attachLogsFeed', () => {
  it('loads the tail and the runtime level, then takes live batches', async () => {
    const ring: LogEntry[] = logEntries(0, 4);
    const client = runtimeFake(ring);
    const store = createLogsStore();
    const frames: (() => void)[] = [];
    let clock = 1_000;
    const detach = attachLogsFeed(client, store, { frame: (work) => frames.push(work), now: () => clock });
    await settle();
    expect(store.getState().entries.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4]);
    expect(store.getState().runtimeLevel).toBe('info');
    expect(client.calls.find((c) => c.method === 'logs.tail')?.input).toEqual({ limit: 20_000 });

    // live batches wait for the next frame, and however many came, one store update takes them
    client.push('logs', logEntries(5, 6));
    client.push('logs', logEntries(7, 8));
    expect(store.getState().lastSeq).toBe(4);
    expect(frames).toHaveLength(1);
    let updates = 0;
    const off = store.subscribe(() => updates++);
    frames.shift()!();
    off();
    expect(updates).toBe(1);
    expect(store.getState().lastSeq).toBe(8);
    // the next batch waits for MIN_FLUSH_INTERVAL_MS, frame by frame
    client.push('logs', logEntries(9, 9));
    clock += MIN_FLUSH_INTERVAL_MS - 1;
    frames.shift()!();
    expect(store.getState().lastSeq).toBe(8);
    expect(frames).toHaveLength(1);
    clock += 1;
    frames.shift()!();
    expect(store.getState().lastSeq).toBe(9);
    detach();
    client.push('logs', logEntries(10, 10));
    clock += 1_000;
    frames.forEach((run) => run());
    expect(store.getState().lastSeq).toBe(9);
  });

  it('catches up after a reconnect with afterSeq, without duplicates', async () => {
    const ring: LogEntry[] = logEntries(0, 2);
    const client = runtimeFake(ring);
    const store = createLogsStore();
    attachLogsFeed(client, store, { frame: (work) => void setTimeout(work, 0), minIntervalMs: 0 });
    await settle();

    client.setConnection({ state: 'reconnecting', attempt: 1 });
    ring.push(...logEntries(3, 9)); // written while the stream was down
    client.setConnection({ state: 'connected' });
    client.push('logs', logEntries(8, 10)); // live again before the tail answered
    await settle();

    const tails = client.calls.filter((c) => c.method === 'logs.tail');
    expect(tails.at(-1)?.input).toMatchObject({ afterSeq: expect.any(Number) as number });
    expect(store.getState().entries.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('reports a failed tail on the store', async () => {
    const client = runtimeFake().handle('logs.tail', () => {
      throw new Error('runtime gone');
    });
    const store = createLogsStore();
    attachLogsFeed(client, store);
    await settle();
    expect(store.getState().loadError).toBe('runtime gone');
  });
});

describe('loadOlderLogs', () => {
  it('asks for the page below the live lines with the filter, and adds it', async () => {
    const client = runtimeFake(logEntries(10, 12)).handle('logs.history', () => ({
      entries: logEntries(7, 9),
      next: { source: 'ring', beforeSeq: 7 },
      scannedBytes: 0,
    }));
    const store = createLogsStore();
    attachLogsFeed(client, store, { frame: (work) => void setTimeout(work, 0), minIntervalMs: 0 });
    await settle();
    store.getState().setMinLevel('warn');
    await loadOlderLogs(client, store, 50);
    expect(client.calls.find((c) => c.method === 'logs.history')?.input).toEqual({
      before: { source: 'ring', beforeSeq: 10 },
      limit: 50,
      match: { minLevel: 'warn', text: '', from: null, to: null },
    });
    expect(store.getState().history.entries.map((e) => e.seq)).toEqual([7, 8, 9]);
  });

  it('shows a failed page as an error on the history', async () => {
    const client = runtimeFake(logEntries(0, 2)).handle('logs.history', () => {
      throw new Error('no files');
    });
    const store = createLogsStore();
    attachLogsFeed(client, store, { frame: (work) => void setTimeout(work, 0), minIntervalMs: 0 });
    await settle();
    await loadOlderLogs(client, store);
    expect(store.getState().history).toMatchObject({ error: 'no files', loading: false });
  });
});
