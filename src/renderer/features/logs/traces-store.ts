import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { TraceDto } from '../../../shared/dto/trace';
import { NO_TRACE_FILTER, type TraceFilter } from './trace-filter';

/** Traces kept by the panel (the runtime keeps `pipeline.traceSize`, 500 by default). */
export const MAX_TRACES = 500;

export interface TracesState {
  /** Ordered by id (oldest first), at most `maxTraces`. */
  traces: TraceDto[];
  maxTraces: number;
  filter: TraceFilter;
  /** The trace open in the drawer. */
  selectedId: number | null;
  loaded: boolean;
  error: string | null;
  /** Adds live traces (deduplicated by id, bounded). */
  ingest(traces: readonly TraceDto[]): void;
  /**
   * Adds the answer of `pipeline.traces` asked while we held traces up to `heldId` (-1: none).
   * Ids restart with the runtime: a snapshot whose newest id is below what we held when asking
   * comes from a new runtime, so it replaces what we hold. (Comparing with the ids held now would
   * be wrong: live events may overtake the answer.)
   */
  ingestSnapshot(traces: readonly TraceDto[], heldId: number): void;
  setFilter(filter: Partial<TraceFilter>): void;
  select(id: number | null): void;
  setError(error: string | null): void;
}

export type TracesStore = UseBoundStore<StoreApi<TracesState>>;

function merge(current: readonly TraceDto[], incoming: readonly TraceDto[], max: number): TraceDto[] {
  const byId = new Map<number, TraceDto>();
  for (const t of current) byId.set(t.id, t);
  for (const t of incoming) byId.set(t.id, t);
  const all = [...byId.values()].sort((a, b) => a.id - b.id);
  return all.length > max ? all.slice(all.length - max) : all;
}

export function createTracesStore(maxTraces = MAX_TRACES): TracesStore {
  return create<TracesState>()((set, get) => ({
    traces: [],
    maxTraces,
    filter: NO_TRACE_FILTER,
    selectedId: null,
    loaded: false,
    error: null,

    ingest(incoming) {
      if (incoming.length === 0) return;
      set({ traces: merge(get().traces, incoming, get().maxTraces) });
    },

    ingestSnapshot(incoming, heldId) {
      const s = get();
      const theirs = incoming.reduce((max, t) => Math.max(max, t.id), -1);
      const restarted = theirs < heldId;
      set({
        traces: merge(restarted ? [] : s.traces, incoming, s.maxTraces),
        selectedId: restarted ? null : s.selectedId,
        loaded: true,
        error: null,
      });
    },

    setFilter(filter) {
      set({ filter: { ...get().filter, ...filter } });
    },

    select(selectedId) {
      set({ selectedId });
    },

    setError(error) {
      set({ error });
    },
  }));
}

export const useTracesStore: TracesStore = createTracesStore();
