import { describe, expect, it } from 'vitest';
import type { InvocationDto } from '../../../shared/dto/commands';
import { invocation, runtimeFake } from '../../test-support/fake-client';
import { attachRunningFeed } from './running-feed';
import { createRunningStore } from './running-store';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const ids = (list: InvocationDto[]) => list.map((i) => i.id);

describe('attachRunningFeed', () => {
  it('loads invocations.list, then replaces the list with every invocations event', async () => {
    const client = runtimeFake().handle('invocations.list', () => ({
      invocations: [invocation(3), invocation(1)],
    }));
    const store = createRunningStore();
    const detach = attachRunningFeed(client, store);
    await settle();
    expect(ids(store.getState().invocations)).toEqual([1, 3]);
    expect(store.getState().loaded).toBe(true);

    client.push('invocations', [invocation(4, { state: 'awaiting_input' })]);
    expect(ids(store.getState().invocations)).toEqual([4]);
    client.push('invocations', []);
    expect(store.getState().invocations).toEqual([]);
    detach();
    client.push('invocations', [invocation(9)]);
    expect(store.getState().invocations).toEqual([]);
  });

  it('drops a list answer that an event overtook, and refreshes after a reconnect', async () => {
    let answer = [invocation(1)];
    let release: () => void = () => undefined;
    const client = runtimeFake().handle(
      'invocations.list',
      () => new Promise((resolve) => (release = () => resolve({ invocations: answer }))),
    );
    const store = createRunningStore();
    attachRunningFeed(client, store);
    client.push('invocations', [invocation(2)]); // newer than what the request will return
    release();
    await settle();
    expect(ids(store.getState().invocations)).toEqual([2]);

    answer = [invocation(7)];
    client.setConnection({ state: 'connected' });
    release();
    await settle();
    expect(ids(store.getState().invocations)).toEqual([7]);
  });

  it('keeps the error for the view', async () => {
    const client = runtimeFake().handle('invocations.list', () => {
      throw new Error('runtime gone');
    });
    const store = createRunningStore();
    attachRunningFeed(client, store);
    await settle();
    expect(store.getState().error).toBe('runtime gone');
  });
});
