import { describe, expect, it } from 'vitest';
import { runtimeFake, SAMPLE_INFO, SAMPLE_STATUS } from '../../test-support/fake-client';
import { attachStatusFeed } from './status-feed';
import { createStatusStore, liveUptimeMs } from './status-store';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('liveUptimeMs', () => {
  it('ticks from the last snapshot while running, and stands still otherwise', () => {
    expect(liveUptimeMs(SAMPLE_STATUS, 1000, 4500)).toBe(SAMPLE_STATUS.uptimeMs + 3500);
    expect(liveUptimeMs(SAMPLE_STATUS, 1000, 500)).toBe(SAMPLE_STATUS.uptimeMs);
    expect(liveUptimeMs({ ...SAMPLE_STATUS, state: 'stopped' }, 1000, 9000)).toBe(SAMPLE_STATUS.uptimeMs);
  });
});

describe('attachStatusFeed', () => {
  it('loads app.info and status.get, then follows status events and refreshes on reconnect', async () => {
    const client = runtimeFake();
    const store = createStatusStore();
    attachStatusFeed(client, store);
    await settle();
    expect(store.getState().info).toEqual(SAMPLE_INFO);
    expect(store.getState().status?.pid).toBe(4242);

    client.push('status', { ...SAMPLE_STATUS, pid: 7 });
    expect(store.getState().status?.pid).toBe(7);

    client.setConnection({ state: 'connected' });
    await settle();
    expect(store.getState().status?.pid).toBe(4242);
    expect(client.calls.filter((c) => c.method === 'status.get')).toHaveLength(2);
  });

  it('keeps the error for the view when the runtime cannot be reached', async () => {
    const client = runtimeFake().handle('status.get', () => {
      throw new Error('unreachable');
    });
    const store = createStatusStore();
    attachStatusFeed(client, store);
    await settle();
    expect(store.getState().error).toBe('unreachable');
  });
});
