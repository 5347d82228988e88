import type { LogEntry } from '../../../shared/dto/log';

export interface MergeResult {
  /** The new buffer, ordered by seq, at most `max` long. */
  entries: LogEntry[];
  /** Entries that were not in the buffer before and are still in it, in seq order. */
  added: LogEntry[];
  /** True when `added` all sit after the old buffer's end (the common live case). */
  appendOnly: boolean;
  /** How many entries fell off the front to respect `max`. */
  dropped: number;
}

function sortedBySeq(list: readonly LogEntry[]): LogEntry[] {
  for (let i = 1; i < list.length; i++) {
    if (list[i]!.seq <= list[i - 1]!.seq) return [...list].sort((a, b) => a.seq - b.seq);
  }
  return list as LogEntry[];
}

function containsSeq(sorted: readonly LogEntry[], seq: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = sorted[mid]!.seq;
    if (at === seq) return true;
    if (at < seq) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Index of the first entry whose seq is ≥ `seq` in a seq-ordered list. */
export function lowerBoundSeq(sorted: readonly LogEntry[], seq: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.seq < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Merges incoming log entries into a seq-ordered buffer: drops duplicates (same seq), keeps
 * order even when a catch-up tail lands after newer live entries, and bounds the buffer to
 * `max` by dropping the oldest. Entries with seq ≤ `floorSeq` (cleared by the operator) are
 * ignored. Never mutates its inputs.
 */
export function mergeEntries(
  current: readonly LogEntry[],
  incoming: readonly LogEntry[],
  max: number,
  floorSeq = -1,
): MergeResult {
  const lastSeq = current.length ? current[current.length - 1]!.seq : -1;
  const newer: LogEntry[] = [];
  const older: LogEntry[] = [];
  let prev = Number.NEGATIVE_INFINITY;
  for (const entry of sortedBySeq(incoming)) {
    if (entry.seq === prev || entry.seq <= floorSeq) continue;
    prev = entry.seq;
    if (entry.seq > lastSeq) newer.push(entry);
    else if (!containsSeq(current, entry.seq)) older.push(entry);
  }
  if (newer.length === 0 && older.length === 0) {
    return { entries: current as LogEntry[], added: [], appendOnly: true, dropped: 0 };
  }

  let merged: LogEntry[];
  if (older.length === 0) {
    merged = current.concat(newer);
  } else {
    merged = [];
    const additions = older.concat(newer);
    let i = 0;
    let j = 0;
    while (i < current.length || j < additions.length) {
      const a = current[i];
      const b = additions[j];
      if (b === undefined || (a !== undefined && a.seq < b.seq)) {
        merged.push(a!);
        i++;
      } else {
        merged.push(b);
        j++;
      }
    }
  }

  const dropped = Math.max(0, merged.length - max);
  const entries = dropped > 0 ? merged.slice(dropped) : merged;
  const firstKept = entries.length ? entries[0]!.seq : Number.POSITIVE_INFINITY;
  const addedAll = older.length ? older.concat(newer) : newer;
  const added = dropped > 0 ? addedAll.filter((e) => e.seq >= firstKept) : addedAll;
  return { entries, added, appendOnly: older.length === 0, dropped };
}
