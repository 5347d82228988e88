import { describe, expect, it } from 'vitest';
import { logEntries, logEntry } from '../../test-support/fake-client';
import { createLogsStore, FILTER_SLICE, MAX_LOG_ENTRIES } from './logs-store';

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

  it('selects one line for the drawer and forgets it once it fell off', () => {
    const store = createLogsStore(3);
    store.getState().ingest(logEntries(0, 2));
    store.getState().select(0);
    expect(store.getState().selected).toBe(0);
    store.getState().ingest(logEntries(3, 3));
    expect(store.getState().selected).toBeNull();
  });

  it('filters a large buffer newest slice first, the older slices in later tasks', () => {
    const tasks: (() => void)[] = [];
    const store = createLogsStore(20_000, (work) => {
      tasks.push(work);
      return () => tasks.splice(tasks.indexOf(work), 1);
    });
    store.getState().ingest(logEntries(0, 9_999));
    store.getState().setText('line 9');
    // at once: the newest FILTER_SLICE lines (6000..9999) that contain "9"
    const first = seqs(store.getState().visible);
    expect(first.every((seq) => seq >= 10_000 - FILTER_SLICE)).toBe(true);
    expect(store.getState().filtering).toBe(true);
    // a line arriving meanwhile is filtered as it comes
    store.getState().ingest([logEntry(10_000, { msg: 'line 9 late' })]);
    while (tasks.length) tasks.shift()!();
    const all = seqs(store.getState().visible);
    const expected = [...Array(10_001).keys()].filter((seq) => seq === 10_000 || String(seq).includes('9'));
    expect(all).toEqual(expected);
    expect(store.getState().filtering).toBe(false);
  });

  it('a newer filter cancels the slices of the older one', () => {
    const tasks: (() => void)[] = [];
    const store = createLogsStore(20_000, (work) => {
      tasks.push(work);
      return () => tasks.splice(tasks.indexOf(work), 1);
    });
    store.getState().ingest(logEntries(0, 9_999));
    store.getState().setText('line 1');
    store.getState().setText('line 2');
    expect(tasks).toHaveLength(1);
    while (tasks.length) tasks.shift()!();
    expect(seqs(store.getState().visible).every((seq) => String(seq).includes('2'))).toBe(true);
    expect(store.getState().visible).toHaveLength(3_439); // 0..9999 with a 2 in them
  });

  it('filters by time range', () => {
    const store = createLogsStore();
    store.getState().ingest(logEntries(0, 9)); // time = 1_700_000_000_000 + seq
    store.getState().setRange(1_700_000_000_003, 1_700_000_000_005);
    expect(seqs(store.getState().visible)).toEqual([3, 4, 5]);
    store.getState().setRange(1_700_000_000_008, null);
    expect(seqs(store.getState().visible)).toEqual([8, 9]);
  });

  it('pages history in below the live lines, for the filter it was asked with', () => {
    const store = createLogsStore(5);
    store.getState().ingestTail(logEntries(10, 14), 14, -1);
    const ask = store.getState().beginHistory()!;
    expect(ask.before).toEqual({ source: 'ring', beforeSeq: 10 });
    expect(store.getState().beginHistory()).toBeNull(); // one page at a time
    const next = { source: 'ring' as const, beforeSeq: 5 };
    // overlapping entries (seq ≥ 10) are never taken twice
    store.getState().addHistory(ask.filter, logEntries(5, 11), next);
    expect(seqs(store.getState().history.entries)).toEqual([5, 6, 7, 8, 9]);
    expect(store.getState().beginHistory()!.before).toEqual(next);
    store.getState().addHistory(ask.filter, [logEntry(-2), logEntry(-1)], null);
    expect(seqs(store.getState().history.entries)).toEqual([-2, -1, 5, 6, 7, 8, 9]);
    expect(store.getState().beginHistory()).toBeNull(); // nothing older
    // live lines falling off the buffer leave a gap after the history
    store.getState().ingest(logEntries(15, 16));
    expect(store.getState().history.gap).toBe(true);
  });

  it('drops a history page asked with an older filter and starts history over on a filter change', () => {
    const store = createLogsStore();
    store.getState().ingestTail(logEntries(10, 14), 14, -1);
    const ask = store.getState().beginHistory()!;
    store.getState().setMinLevel('warn');
    store.getState().addHistory(ask.filter, logEntries(0, 9), null);
    expect(store.getState().history.entries).toEqual([]);
    expect(store.getState().history.next).toBeUndefined();
    const again = store.getState().beginHistory()!;
    store.getState().failHistory(again.filter, 'runtime gone');
    expect(store.getState().history).toMatchObject({ loading: false, error: 'runtime gone' });
  });

  it('keeps at most maxHistory older lines and then stops asking', () => {
    const store = createLogsStore(10, undefined, 8);
    store.getState().ingestTail(logEntries(100, 104), 104, -1);
    const ask = store.getState().beginHistory()!;
    store.getState().addHistory(ask.filter, logEntries(80, 99), { source: 'ring', beforeSeq: 80 });
    expect(seqs(store.getState().history.entries)).toEqual([92, 93, 94, 95, 96, 97, 98, 99]);
    expect(store.getState().history.full).toBe(true);
    expect(store.getState().beginHistory()).toBeNull();
  });
});
