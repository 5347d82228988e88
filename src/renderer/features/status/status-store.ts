import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { AppInfo, Status } from '../../../shared/dto/status';

export interface StatusState {
  status: Status | null;
  /** Local epoch ms when `status` arrived: uptime ticks from here. */
  receivedAt: number;
  info: AppInfo | null;
  error: string | null;
  setStatus(status: Status, receivedAt?: number): void;
  setInfo(info: AppInfo): void;
  setError(error: string | null): void;
}

export type StatusStore = UseBoundStore<StoreApi<StatusState>>;

export function createStatusStore(): StatusStore {
  return create<StatusState>()((set) => ({
    status: null,
    receivedAt: 0,
    info: null,
    error: null,
    setStatus: (status, receivedAt = Date.now()) => set({ status, receivedAt, error: null }),
    setInfo: (info) => set({ info }),
    setError: (error) => set({ error }),
  }));
}

/** Uptime now, extrapolated from the last snapshot while the runtime is running. */
export function liveUptimeMs(status: Status, receivedAt: number, now: number): number {
  if (status.state !== 'running') return status.uptimeMs;
  return status.uptimeMs + Math.max(0, now - receivedAt);
}

export const useStatusStore: StatusStore = createStatusStore();
