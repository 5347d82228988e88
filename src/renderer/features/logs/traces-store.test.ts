import { describe, expect, it } from 'vitest';
import { runtimeFake, trace } from '../../test-support/fake-client';
import { attachTracesFeed } from './traces-feed';
import { createTracesStore } from './traces-store';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const ids = (s: ReturnType<typeof createTracesStore>) => s.getState().traces.map((t) => t.id);

describe('traces store and feed', () => {
  it('loads pipeline.traces, then merges live traces by id, bounded', async () => {
    const client = runtimeFake().handle('pipeline.traces', () => ({ traces: [trace(1), trace(2)] }));
    const store = createTracesStore(4);
    attachTracesFeed(client, store);
    await settle();
    expect(client.calls.find((c) => c.method === 'pipeline.traces')?.input).toEqual({ limit: 4 });
    expect(ids(store)).toEqual([1, 2]);
    client.push('traces', [trace(2), trace(3)]);
    client.push('traces', [trace(5), trace(4)]);
    expect(ids(store)).toEqual([2, 3, 4, 5]);
  });

  it('keeps live traces that overtook the snapshot, and starts over after a runtime restart', () => {
    const store = createTracesStore();
    store.getState().ingest([trace(7), trace(8)]);
    store.getState().ingestSnapshot([trace(5), trace(6), trace(7)], 6);
    expect(ids(store)).toEqual([5, 6, 7, 8]);
    store.getState().select(8);
    store.getState().ingestSnapshot([trace(1), trace(2)], 8);
    expect(ids(store)).toEqual([1, 2]);
    expect(store.getState().selectedId).toBeNull();
  });
});
