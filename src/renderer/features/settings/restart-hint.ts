import { create } from 'zustand';

export interface RestartHintState {
  /** Saved keys that take effect after a restart (empty: no hint). */
  keys: string[];
  /** The runtime pid when they were saved: a new runtime has them, and the hint goes. */
  pid: number | null;
  add(keys: readonly string[], pid: number | null): void;
  clear(): void;
}

/** "Restart required" after Settings saved a key the runtime reads only at start. */
export const useRestartHint = create<RestartHintState>()((set) => ({
  keys: [],
  pid: null,
  add: (keys, pid) =>
    set((s) => (keys.length === 0 ? s : { keys: [...new Set([...s.keys, ...keys])], pid: s.pid ?? pid })),
  clear: () => set({ keys: [], pid: null }),
}));
