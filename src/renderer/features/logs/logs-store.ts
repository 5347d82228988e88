import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { LogEntry, LogLevel } from '../../../shared/dto/log';
import type { LogCursor } from '../../../shared/dto/log-history';
import { lowerBoundSeq, mergeEntries } from './log-buffer';
import { compileFilter, NO_FILTER, type LogFilter } from './log-filter';

/** The renderer keeps at most this many live lines; older ones are dropped (the runtime ring has more). */
export const MAX_LOG_ENTRIES = 20_000;
/** And at most this many lines of older history loaded on scroll (export has them all). */
export const MAX_HISTORY_ENTRIES = 20_000;
/** A filter change filters this many of the newest lines at once; older ones follow in slices. */
export const FILTER_SLICE = 4_000;

/** Runs a slice of work later (a macrotask, so input and paint go first); returns a cancel. */
export type Scheduler = (work: () => void) => () => void;

const nextTask: Scheduler = (work) => {
  const timer = setTimeout(work, 0);
  return () => clearTimeout(timer);
};

export interface HistoryState {
  /** Older lines matching the filter (all seqs below the live buffer's), oldest first. */
  entries: LogEntry[];
  /** Where the next older page starts: undefined before the first page, null when there is none. */
  next: LogCursor | null | undefined;
  loading: boolean;
  error: string | null;
  /** Live lines between the history and the live buffer fell off the live buffer. */
  gap: boolean;
  /** MAX_HISTORY_ENTRIES reached: no more pages are loaded. */
  full: boolean;
}

const NO_HISTORY: HistoryState = {
  entries: [],
  next: undefined,
  loading: false,
  error: null,
  gap: false,
  full: false,
};

export interface LogsState {
  /** Every kept live entry, ordered by seq, at most `maxEntries`. */
  entries: LogEntry[];
  /** `entries` that pass the filter (what the list shows after the history), same order. */
  visible: LogEntry[];
  /** True while a filter change is still filtering older live lines (slice by slice). */
  filtering: boolean;
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
  /** Seq of the line whose details the drawer shows. */
  selected: number | null;
  history: HistoryState;
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
  /** Time range (ms since the epoch, null for open ends). */
  setRange(from: number | null, to: number | null): void;
  setFollow(follow: boolean): void;
  /** Shows a line's details in the drawer (null closes it). */
  select(seq: number | null): void;
  /** Hides everything received so far; new lines keep coming. */
  clear(): void;
  setRuntimeLevel(level: LogLevel): void;
  setLoadError(message: string | null): void;
  /** Marks a history page as asked for; returns what to ask, or null when none is due. */
  beginHistory(): { before: LogCursor | undefined; filter: LogFilter } | null;
  /** Adds a history page asked with `filter` (dropped if the filter changed meanwhile). */
  addHistory(filter: LogFilter, entries: readonly LogEntry[], next: LogCursor | null): void;
  failHistory(filter: LogFilter, message: string): void;
}

export type LogsStore = UseBoundStore<StoreApi<LogsState>>;

export function createLogsStore(
  maxEntries = MAX_LOG_ENTRIES,
  schedule: Scheduler = nextTask,
  maxHistory = MAX_HISTORY_ENTRIES,
): LogsStore {
  return create<LogsState>()((set, get) => {
    let cancelSlices: (() => void) | null = null;

    /**
     * Filters the live lines anew: the newest FILTER_SLICE at once (what a following list shows),
     * the older ones slice by slice in later tasks, so typing into the filter stays responsive.
     * Lines arriving meanwhile are filtered as they come (ingest), and lines dropped off the front
     * simply end the walk early.
     */
    const refilter = (filter: LogFilter): void => {
      cancelSlices?.();
      cancelSlices = null;
      const matches = compileFilter(filter);
      const { entries } = get();
      const start = Math.max(0, entries.length - FILTER_SLICE);
      const visible = entries.slice(start).filter(matches);
      const below = entries[start]?.seq;
      set({ filter, visible, filtering: start > 0, history: NO_HISTORY, selected: null });
      if (start === 0 || below === undefined) return;
      const slice = (belowSeq: number): void => {
        cancelSlices = null;
        const s = get();
        if (s.filter !== filter) return;
        const end = lowerBoundSeq(s.entries, belowSeq);
        const from = Math.max(0, end - FILTER_SLICE);
        const found = s.entries.slice(from, end).filter(matches);
        const more = from > 0;
        set({ visible: found.length ? found.concat(s.visible) : s.visible, filtering: more });
        const next = s.entries[from]?.seq;
        if (more && next !== undefined) cancelSlices = schedule(() => slice(next));
      };
      cancelSlices = schedule(() => slice(below));
    };

    return {
      entries: [],
      visible: [],
      filtering: false,
      maxEntries,
      lastSeq: -1,
      clearedThrough: -1,
      filter: NO_FILTER,
      follow: true,
      unseen: 0,
      selected: null,
      history: NO_HISTORY,
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
        const firstKept = result.entries[0]?.seq ?? Number.POSITIVE_INFINITY;
        const selectedGone =
          s.selected !== null && s.selected >= 0 && s.selected < firstKept && !inHistory(s);
        set({
          entries: result.entries,
          visible,
          lastSeq: Math.max(s.lastSeq, newest),
          unseen: s.follow ? 0 : s.unseen + newlyVisible.length,
          selected: selectedGone ? null : s.selected,
          history:
            result.dropped > 0 && s.history.next !== undefined && !s.history.gap
              ? { ...s.history, gap: true }
              : s.history,
        });
      },

      ingestTail(entries, serverLastSeq, afterSeq) {
        if (serverLastSeq < afterSeq) {
          cancelSlices?.();
          set({
            entries: [],
            visible: [],
            filtering: false,
            lastSeq: -1,
            clearedThrough: -1,
            unseen: 0,
            selected: null,
            history: NO_HISTORY,
          });
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

      setRange(from, to) {
        refilter({ ...get().filter, from, to });
      },

      setFollow(follow) {
        if (follow === get().follow) return;
        set(follow ? { follow, unseen: 0 } : { follow });
      },

      select(selected) {
        set({ selected });
      },

      clear() {
        cancelSlices?.();
        set((s) => ({
          entries: [],
          visible: [],
          filtering: false,
          clearedThrough: s.lastSeq,
          unseen: 0,
          selected: null,
          history: { ...NO_HISTORY, next: null },
        }));
      },

      setRuntimeLevel(runtimeLevel) {
        set({ runtimeLevel });
      },

      setLoadError(loadError) {
        set({ loadError });
      },

      beginHistory() {
        const s = get();
        const h = s.history;
        if (h.loading || h.next === null || h.full || !s.loaded) return null;
        const oldest = h.entries[0]?.seq ?? s.entries[0]?.seq ?? s.lastSeq + 1;
        const before: LogCursor | undefined =
          h.next ?? (oldest >= 0 ? { source: 'ring', beforeSeq: oldest } : undefined);
        set({ history: { ...h, loading: true, error: null } });
        return { before, filter: s.filter };
      },

      addHistory(filter, entries, next) {
        const s = get();
        if (s.filter !== filter) return;
        const h = s.history;
        // Never overlap what is held (a restart or a clear may have moved things meanwhile).
        const floor = h.entries[0]?.seq ?? s.entries[0]?.seq ?? Number.POSITIVE_INFINITY;
        const fresh = entries.filter((e) => e.seq < floor);
        let merged = fresh.length ? fresh.concat(h.entries) : h.entries;
        const full = merged.length >= maxHistory;
        if (merged.length > maxHistory) merged = merged.slice(merged.length - maxHistory);
        set({
          history: {
            ...h,
            entries: merged,
            next: full ? (h.next ?? null) : next,
            loading: false,
            error: null,
            full,
          },
        });
      },

      failHistory(filter, message) {
        if (get().filter !== filter) return;
        set((s) => ({ history: { ...s.history, loading: false, error: message } }));
      },
    };
  });
}

function inHistory(s: LogsState): boolean {
  return s.history.entries.some((e) => e.seq === s.selected);
}

export const useLogsStore: LogsStore = createLogsStore();
