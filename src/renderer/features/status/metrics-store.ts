import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { MetricsSample, MetricsWindow } from '../../../shared/dto/metrics';

export interface MetricsState {
  window: MetricsWindow | null;
  error: string | null;
  setWindow(window: MetricsWindow): void;
  /** Adds a pushed tick (ignored before the window is known, or when older than the newest). */
  append(sample: MetricsSample): void;
  setError(error: string | null): void;
}

export type MetricsStore = UseBoundStore<StoreApi<MetricsState>>;

/** Appends one tick to a window, keeping at most `capacity` ticks; a series new in this tick starts with gaps. */
export function appendSample(window: MetricsWindow, sample: MetricsSample): MetricsWindow {
  const last = window.t.at(-1);
  if (last !== undefined && sample.t <= last) return window;
  const drop = Math.max(0, window.t.length + 1 - window.capacity);
  const t = [...window.t.slice(drop), sample.t];
  const series: Record<string, (number | null)[]> = {};
  const names = new Set([...Object.keys(window.series), ...Object.keys(sample.values)]);
  for (const name of names) {
    const old = window.series[name] ?? new Array<number | null>(window.t.length).fill(null);
    series[name] = [...old.slice(drop), sample.values[name] ?? null];
  }
  return { ...window, t, series };
}

export function createMetricsStore(): MetricsStore {
  return create<MetricsState>()((set) => ({
    window: null,
    error: null,
    setWindow: (window) => set({ window, error: null }),
    append: (sample) => set((s) => (s.window ? { window: appendSample(s.window, sample) } : {})),
    setError: (error) => set({ error }),
  }));
}

export const useMetricsStore: MetricsStore = createMetricsStore();
