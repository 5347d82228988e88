import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { ConsoleOutput } from '../../../shared/dto/console';
import { loadHistory, pushHistory, saveHistory, type HistoryStorage } from './history';
import { loadTranscript, saveTranscript, type TranscriptStorage } from './transcript';

/** The console session the panel's Console view runs in (the terminal's is `stdin`). */
export const PANEL_SESSION = 'panel';
export const MAX_GROUPS = 500;
/** Delay before the transcript is written to sessionStorage after a change. */
export const TRANSCRIPT_SAVE_MS = 250;

/** One request and what it produced: the input line, then its responses and errors. */
export interface ConsoleGroup {
  key: string;
  requestId: string | null;
  /** The echoed input line; null for system notes and output of a request cleared earlier. */
  input: string | null;
  time: number;
  outputs: ConsoleOutput[];
}

export interface ConsoleState {
  groups: ConsoleGroup[];
  /** Commands run from this panel, oldest first (persisted, last 100). */
  history: string[];
  /** Adds pushed output; other sessions than the panel's are ignored. */
  ingest(outputs: readonly ConsoleOutput[]): void;
  /** A note from the panel itself (a call that failed before reaching the runtime). */
  addLocal(kind: 'error' | 'system', text: string): void;
  remember(line: string): void;
  clear(): void;
}

export type ConsoleStore = UseBoundStore<StoreApi<ConsoleState>>;

export function createConsoleStore(
  storage: HistoryStorage | null = defaultStorage(),
  maxGroups = MAX_GROUPS,
  /** Where the transcript survives a reload (the app passes sessionStorage). */
  transcript: TranscriptStorage | null = null,
): ConsoleStore {
  let localId = 0;
  const store = create<ConsoleState>()((set, get) => ({
    groups: loadTranscript(transcript).slice(-maxGroups),
    history: loadHistory(storage),

    ingest(outputs) {
      const mine = outputs.filter((o) => o.session === PANEL_SESSION);
      if (mine.length === 0) return;
      const groups = [...get().groups];
      for (const out of mine) {
        // Scan from the end: output belongs to a recent request almost always.
        let at = -1;
        if (out.requestId !== null) {
          for (let i = groups.length - 1; i >= 0; i--) {
            if (groups[i]!.requestId === out.requestId) {
              at = i;
              break;
            }
          }
        }
        if (at < 0) {
          groups.push({
            key: out.requestId ?? `local-${++localId}`,
            requestId: out.requestId,
            input: out.kind === 'input' ? out.text : null,
            time: out.time,
            outputs: out.kind === 'input' ? [] : [out],
          });
          continue;
        }
        const group = groups[at]!;
        groups[at] =
          out.kind === 'input'
            ? { ...group, input: out.text }
            : { ...group, outputs: [...group.outputs, out] };
      }
      set({ groups: groups.length > maxGroups ? groups.slice(groups.length - maxGroups) : groups });
    },

    addLocal(kind, text) {
      get().ingest([{ session: PANEL_SESSION, requestId: null, kind, text, time: Date.now() }]);
    },

    remember(line) {
      const history = pushHistory(get().history, line);
      saveHistory(storage, history);
      set({ history });
    },

    clear() {
      set({ groups: [] });
    },
  }));
  keepTranscript(store, transcript);
  return store;
}

/** Saves the transcript shortly after it changes (one write per burst) and when the page goes. */
function keepTranscript(store: ConsoleStore, transcript: TranscriptStorage | null): void {
  if (!transcript) return;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    saveTranscript(transcript, store.getState().groups);
  };
  store.subscribe((next, prev) => {
    if (next.groups !== prev.groups && !timer) timer = setTimeout(flush, TRANSCRIPT_SAVE_MS);
  });
  if (typeof window !== 'undefined') window.addEventListener('pagehide', flush);
}

function sessionStorageOrNull(): TranscriptStorage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

function defaultStorage(): HistoryStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export const useConsoleStore: ConsoleStore = createConsoleStore(
  defaultStorage(),
  MAX_GROUPS,
  sessionStorageOrNull(),
);
