import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { InvocationDto } from '../../../shared/dto/commands';

export interface RunningState {
  /** Running invocations, oldest first. */
  invocations: InvocationDto[];
  /** True once the first list arrived. */
  loaded: boolean;
  error: string | null;
  setInvocations(list: readonly InvocationDto[]): void;
  setError(error: string | null): void;
}

export type RunningStore = UseBoundStore<StoreApi<RunningState>>;

export function createRunningStore(): RunningStore {
  return create<RunningState>()((set) => ({
    invocations: [],
    loaded: false,
    error: null,
    setInvocations: (list) =>
      set({ invocations: [...list].sort((a, b) => a.id - b.id), loaded: true, error: null }),
    setError: (error) => set({ error }),
  }));
}

export const useRunningStore: RunningStore = createRunningStore();
