import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../shared/dto/log';
import { logEntries, runtimeFake } from '../../test-support/fake-client';
import { attachLogsFeed } from './logs-feed';
import { createLogsStore } from './logs-store';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('attachLogsFeed', () => {
  it('loads the tail and the runtime level, then takes live batches', async () => {
    const ring: LogEntry[] = logEntries(0, 4);
    const client = runtimeFake(ring);
    const store = createLogsStore();
    const detach = attachLogsFeed(client, store);
    await settle();
    expect(store.getState().entries.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4]);
    expect(store.getState().runtimeLevel).toBe('info');
    expect(client.calls.find((c) => c.method === 'logs.tail')?.input).toEqual({ limit: 20_000 });

    client.push('logs', logEntries(5, 6));
    expect(store.getState().lastSeq).toBe(6);
    detach();
    client.push('logs', logEntries(7, 7));
    expect(store.getState().lastSeq).toBe(6);
  });

  it('catches up after a reconnect with afterSeq, without duplicates', async () => {
    const ring: LogEntry[] = logEntries(0, 2);
    const client = runtimeFake(ring);
    const store = createLogsStore();
    attachLogsFeed(client, store);
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
