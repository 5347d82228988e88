import { describe, expect, it } from 'vitest';
import { logEntries, logEntry } from '../../test-support/fake-client';
import { createLogsStore, MAX_LOG_ENTRIES } from './logs-store';

const seqs = (list: { seq: number }[]) => list.map((e) => e.seq);

describe('logs store', () => {
  it('keeps at most 20 000 entries by default, dropping the oldest', () => {
    const store = createLogsStore();
    expect(store.getState().maxEntries).toBe(MAX_LOG_ENTRIES);
    store.getState().ingest(logEntries(0, 14_999));
    store.getState().ingest(logEntries(15_000, 24_999));
    const { entries, visible, lastSeq } = store.getState();
    expect(entries).toHaveLength(20_000);
    expect(entries[0]!.seq).toBe(5_000);
    expect(visible).toHaveLength(20_000);
    expect(lastSeq).toBe(24_999);
  });

  it('drops duplicates by seq from overlapping live batches and tails', () => {
    const store = createLogsStore(100);
    store.getState().ingest(logEntries(0, 5));
    store.getState().ingest(logEntries(3, 8));
    store.getState().ingestTail(logEntries(0, 8), 8, -1);
    expect(seqs(store.getState().entries)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(store.getState().loaded).toBe(true);
  });

  it('keeps visible in step with the filter, also for appended and trimmed entries', () => {
    const store = createLogsStore(6);
    store.getState().ingest([logEntry(0, { level: 'debug' }), logEntry(1), logEntry(2, { level: 'warn' })]);
    store.getState().setMinLevel('info');
    expect(seqs(store.getState().visible)).toEqual([1, 2]);
    store.getState().ingest([logEntry(3, { level: 'trace' }), logEntry(4, { level: 'error' })]);
    expect(seqs(store.getState().visible)).toEqual([1, 2, 4]);
    store.getState().ingest(logEntries(5, 7));
    // Buffer is 2..7: seq 1 fell off the front and leaves `visible` too.
    expect(seqs(store.getState().entries)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(seqs(store.getState().visible)).toEqual([2, 4, 5, 6, 7]);
    store.getState().setText('line 6');
    expect(seqs(store.getState().visible)).toEqual([6]);
    store.getState().setMinLevel('trace');
    store.getState().setText('');
    expect(seqs(store.getState().visible)).toEqual([2, 3, 4, 5, 6, 7]);
  });

  it('counts newly visible lines while paused and resets the count on follow', () => {
    const store = createLogsStore();
    store.getState().ingest(logEntries(0, 1));
    store.getState().setFollow(false);
    store.getState().setMinLevel('warn');
    store.getState().ingest([logEntry(2), logEntry(3, { level: 'warn' }), logEntry(4, { level: 'error' })]);
    expect(store.getState().unseen).toBe(2);
    store.getState().setFollow(true);
    expect(store.getState().unseen).toBe(0);
    store.getState().ingest([logEntry(5, { level: 'fatal' })]);
    expect(store.getState().unseen).toBe(0);
  });

  it('clear hides what was received, also when a catch-up replays it', () => {
    const store = createLogsStore();
    store.getState().ingest(logEntries(0, 4));
    store.getState().clear();
    expect(store.getState().entries).toEqual([]);
    store.getState().ingestTail(logEntries(0, 6), 6, -1);
    expect(seqs(store.getState().entries)).toEqual([5, 6]);
  });

  it('starts over when the runtime restarted (its lastSeq is below what we asked after)', () => {
    const store = createLogsStore();
    store.getState().ingest(logEntries(0, 50));
    store.getState().ingestTail(logEntries(0, 3), 3, 50);
    expect(seqs(store.getState().entries)).toEqual([0, 1, 2, 3]);
    expect(store.getState().lastSeq).toBe(3);
  });

  it('does not mistake live lines that overtook the tail answer for a restart', () => {
    const store = createLogsStore();
    store.getState().ingest(logEntries(0, 2));
    store.getState().ingest(logEntries(8, 10)); // live, before the catch-up answered
    store.getState().ingestTail(logEntries(3, 9), 9, 2);
    expect(seqs(store.getState().entries)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('toggles expanded rows and forgets those that fell off', () => {
    const store = createLogsStore(3);
    store.getState().ingest(logEntries(0, 2));
    store.getState().toggleExpanded(0);
    store.getState().toggleExpanded(2);
    expect([...store.getState().expanded]).toEqual([0, 2]);
    store.getState().toggleExpanded(2);
    expect([...store.getState().expanded]).toEqual([0]);
    store.getState().ingest(logEntries(3, 3));
    expect(store.getState().expanded.size).toBe(0);
  });
});
