import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { LogEntry, LogLevel } from '../../../shared/dto/log';
import { lowerBoundSeq, mergeEntries } from './log-buffer';
import { compileFilter, NO_FILTER, type LogFilter } from './log-filter';

/** The renderer keeps at most this many lines; older ones are dropped (the runtime ring has more). */
export const MAX_LOG_ENTRIES = 20_000;

export interface LogsState {
  /** Every kept entry, ordered by seq, at most `maxEntries`. */
  entries: LogEntry[];
  /** `entries` that pass the filter (what the list shows), same order. */
  visible: LogEntry[];
  maxEntries: number;
  /** Highest seq received (also after a clear); -1 before any. */
  lastSeq: number;
  /** Entries up to this seq were cleared by the operator and are not shown again. */
  clearedThrough: number;
  filter: LogFilter;
  /** Auto-scroll to the newest line. */
  follow: boolean;
  /** Visible lines that arrived while not following. */
  unseen: number;
  /** Seqs of rows opened to show their fields and stack. */
  expanded: ReadonlySet<number>;
  /** The runtime's own log level (what it records), null until known. */
  runtimeLevel: LogLevel | null;
  loaded: boolean;
  loadError: string | null;

  /** Adds live or caught-up entries (deduplicated by seq, bounded). */
  ingest(entries: readonly LogEntry[]): void;
  /**
   * Adds the answer of a `logs.tail` asked with `afterSeq` (-1 for a full tail). A runtime whose
   * lastSeq is below what we asked after cannot have written it: it restarted, so start over.
   * (Comparing with our own lastSeq instead would be wrong: live frames may overtake the answer.)
   */
  ingestTail(entries: readonly LogEntry[], serverLastSeq: number, afterSeq: number): void;
  setMinLevel(level: LogLevel): void;
  setText(text: string): void;
  setFollow(follow: boolean): void;
  toggleExpanded(seq: number): void;
  /** Hides everything received so far; new lines keep coming. */
  clear(): void;
  setRuntimeLevel(level: LogLevel): void;
  setLoadError(message: string | null): void;
}

export type LogsStore = UseBoundStore<StoreApi<LogsState>>;

export function createLogsStore(maxEntries = MAX_LOG_ENTRIES): LogsStore {
  return create<LogsState>()((set, get) => {
    const refilter = (filter: LogFilter): void => {
      const visible = get().entries.filter(compileFilter(filter));
      set({ filter, visible });
    };
    return {
      entries: [],
      visible: [],
      maxEntries,
      lastSeq: -1,
      clearedThrough: -1,
      filter: NO_FILTER,
      follow: true,
      unseen: 0,
      expanded: new Set(),
      runtimeLevel: null,
      loaded: false,
      loadError: null,

      ingest(incoming) {
        if (incoming.length === 0) return;
        const s = get();
        const result = mergeEntries(s.entries, incoming, s.maxEntries, s.clearedThrough);
        if (result.added.length === 0 && result.dropped === 0) return;
        const matches = compileFilter(s.filter);
        const newlyVisible = result.added.filter(matches);
        let visible: LogEntry[];
        if (result.appendOnly) {
          const firstKept = result.entries[0]?.seq ?? Number.POSITIVE_INFINITY;
          const start = result.dropped > 0 ? lowerBoundSeq(s.visible, firstKept) : 0;
          const kept = start > 0 ? s.visible.slice(start) : s.visible;
          visible = newlyVisible.length ? kept.concat(newlyVisible) : kept;
        } else {
          visible = result.entries.filter(matches);
        }
        const newest = result.entries[result.entries.length - 1]?.seq ?? -1;
        set({
          entries: result.entries,
          visible,
          lastSeq: Math.max(s.lastSeq, newest),
          unseen: s.follow ? 0 : s.unseen + newlyVisible.length,
          expanded: result.dropped > 0 ? pruneExpanded(s.expanded, result.entries) : s.expanded,
        });
      },

      ingestTail(entries, serverLastSeq, afterSeq) {
        if (serverLastSeq < afterSeq) {
          set({ entries: [], visible: [], lastSeq: -1, clearedThrough: -1, unseen: 0, expanded: new Set() });
        }
        get().ingest(entries);
        set({ loaded: true, loadError: null });
      },

      setMinLevel(minLevel) {
        refilter({ ...get().filter, minLevel });
      },

      setText(text) {
        refilter({ ...get().filter, text });
      },

      setFollow(follow) {
        if (follow === get().follow) return;
        set(follow ? { follow, unseen: 0 } : { follow });
      },

      toggleExpanded(seq) {
        const expanded = new Set(get().expanded);
        if (!expanded.delete(seq)) expanded.add(seq);
        set({ expanded });
      },

      clear() {
        set((s) => ({ entries: [], visible: [], clearedThrough: s.lastSeq, unseen: 0, expanded: new Set() }));
      },

      setRuntimeLevel(runtimeLevel) {
        set({ runtimeLevel });
      },

      setLoadError(loadError) {
        set({ loadError });
      },
    };
  });
}

function pruneExpanded(expanded: ReadonlySet<number>, entries: readonly LogEntry[]): ReadonlySet<number> {
  if (expanded.size === 0) return expanded;
  const first = entries[0]?.seq ?? Number.POSITIVE_INFINITY;
  const next = new Set([...expanded].filter((seq) => seq >= first));
  return next.size === expanded.size ? expanded : next;
}

export const useLogsStore: LogsStore = createLogsStore();
