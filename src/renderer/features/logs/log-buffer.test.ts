import { describe, expect, it } from 'vitest';
import { logEntries, logEntry } from '../../test-support/fake-client';
import { lowerBoundSeq, mergeEntries } from './log-buffer';

const seqs = (list: { seq: number }[]) => list.map((e) => e.seq);

describe('mergeEntries', () => {
  it('appends newer entries (fast path) without mutating its input', () => {
    const current = logEntries(0, 2);
    const frozen = [...current];
    const r = mergeEntries(current, logEntries(3, 4), 100);
    expect(seqs(r.entries)).toEqual([0, 1, 2, 3, 4]);
    expect(seqs(r.added)).toEqual([3, 4]);
    expect(r.appendOnly).toBe(true);
    expect(r.dropped).toBe(0);
    expect(current).toEqual(frozen);
  });

  it('drops duplicates by seq, within a batch and against the buffer', () => {
    const r = mergeEntries(logEntries(0, 4), [logEntry(3), logEntry(4), logEntry(5), logEntry(5)], 100);
    expect(seqs(r.entries)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(seqs(r.added)).toEqual([5]);
  });

  it('returns the same buffer when nothing is new', () => {
    const current = logEntries(0, 3);
    const r = mergeEntries(current, logEntries(1, 2), 100);
    expect(r.entries).toBe(current);
    expect(r.added).toEqual([]);
  });

  it('merges a catch-up that lands after newer live entries into seq order', () => {
    const current = [logEntry(1), logEntry(2), logEntry(7), logEntry(8)];
    const r = mergeEntries(current, [...logEntries(2, 9)].reverse(), 100);
    expect(seqs(r.entries)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(seqs(r.added)).toEqual([3, 4, 5, 6, 9]);
    expect(r.appendOnly).toBe(false);
  });

  it('bounds the buffer by dropping the oldest', () => {
    const r = mergeEntries(logEntries(0, 9), logEntries(10, 14), 8);
    expect(seqs(r.entries)).toEqual([7, 8, 9, 10, 11, 12, 13, 14]);
    expect(r.dropped).toBe(7);
    expect(seqs(r.added)).toEqual([10, 11, 12, 13, 14]);
  });

  it('keeps only the newest `max` even when one batch alone is larger', () => {
    const r = mergeEntries(logEntries(0, 1), logEntries(2, 100), 5);
    expect(seqs(r.entries)).toEqual([96, 97, 98, 99, 100]);
    expect(seqs(r.added)).toEqual([96, 97, 98, 99, 100]);
  });

  it('ignores entries at or below the floor (cleared by the operator)', () => {
    const r = mergeEntries([], logEntries(0, 6), 100, 4);
    expect(seqs(r.entries)).toEqual([5, 6]);
  });
});

describe('lowerBoundSeq', () => {
  it('finds the first index with seq ≥ the given one', () => {
    const list = [logEntry(2), logEntry(4), logEntry(6)];
    expect([0, 2, 3, 4, 6, 7].map((s) => lowerBoundSeq(list, s))).toEqual([0, 0, 1, 1, 2, 3]);
  });
});
