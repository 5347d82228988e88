import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { MethodOutput } from '../../../shared/contract';
import { isUnder, pathKey, setIn, type ConfigPath } from './config-paths';
import type { SecretChanges } from './secrets';
import type { Issue } from './validation';

export type ConfigSnapshot = MethodOutput<'config.get'>;
type Json = Record<string, unknown>;

export interface SettingsState {
  /** What `config.get` returned last. */
  snapshot: ConfigSnapshot | null;
  loadError: string | null;
  /** The stored config being edited (secrets are null in it, as the runtime sent it). */
  draft: Json | null;
  /** For each IRC server in the draft, its index in the stored config (null: new). */
  serverOrigins: (number | null)[];
  secretChanges: SecretChanges;
  /** Issues the runtime reported on the last save (BAD_REQUEST), until their field is edited. */
  serverIssues: Issue[];
  saving: boolean;
  saveError: string | null;
  /** Local epoch ms of the last successful save (for the "Saved" note). */
  savedAt: number | null;
  tab: 'form' | 'raw';
  /** Bumped by every load (also after a save or a discard): the form remounts, dropping typed secrets. */
  generation: number;
  /** config.json was edited on disk while the form had unsaved edits (cleared by the next load). */
  diskNotice: string | null;
  /** config.json on disk is invalid (pushed by the runtime; a load takes snapshot.diskProblem). */
  diskError: string | null;

  /** Takes a fresh `config.get` answer: the draft starts over from the stored config. */
  load(snapshot: ConfigSnapshot): void;
  setLoadError(error: string | null): void;
  setField(path: ConfigPath, value: unknown): void;
  addServer(server: Json): void;
  removeServer(index: number): void;
  /** A new secret (string), a clear (null), or back to unchanged (undefined). */
  setSecret(path: string, value: string | null | undefined): void;
  setSaving(saving: boolean): void;
  setSaveResult(result: { error?: string | null; issues?: Issue[]; savedAt?: number | null }): void;
  setTab(tab: 'form' | 'raw'): void;
  setDiskState(state: { notice?: string | null; error?: string | null }): void;
}

export type SettingsStore = UseBoundStore<StoreApi<SettingsState>>;

function serversOf(config: unknown): unknown[] {
  const servers = (config as { irc?: { servers?: unknown } } | null)?.irc?.servers;
  return Array.isArray(servers) ? servers : [];
}

/** Whether the draft differs from the stored config (or a secret is to change). */
export function isDirty(s: Pick<SettingsState, 'snapshot' | 'draft' | 'secretChanges'>): boolean {
  if (!s.snapshot || !s.draft) return false;
  return (
    Object.keys(s.secretChanges).length > 0 || JSON.stringify(s.draft) !== JSON.stringify(s.snapshot.stored)
  );
}

export function createSettingsStore(): SettingsStore {
  return create<SettingsState>()((set, get) => {
    /** Edits invalidate the runtime's issues at and under the edited path. */
    const withoutServerIssues = (key: string): Issue[] =>
      get().serverIssues.filter((i) => !isUnder(i.key, key) && !isUnder(key, i.key));
    return {
      snapshot: null,
      loadError: null,
      draft: null,
      serverOrigins: [],
      secretChanges: {},
      serverIssues: [],
      saving: false,
      saveError: null,
      savedAt: null,
      tab: 'form',
      generation: 0,
      diskNotice: null,
      diskError: null,

      load(snapshot) {
        set({
          generation: get().generation + 1,
          snapshot,
          loadError: null,
          draft: structuredClone(snapshot.stored) as Json,
          serverOrigins: serversOf(snapshot.stored).map((_, i) => i),
          secretChanges: {},
          serverIssues: [],
          saveError: null,
          diskNotice: null,
          diskError: snapshot.diskProblem,
        });
      },

      setDiskState({ notice, error }) {
        set({
          ...(notice !== undefined ? { diskNotice: notice } : {}),
          ...(error !== undefined ? { diskError: error } : {}),
        });
      },

      setLoadError(loadError) {
        set({ loadError });
      },

      setField(path, value) {
        const draft = get().draft;
        if (!draft) return;
        set({ draft: setIn(draft, path, value), serverIssues: withoutServerIssues(pathKey(path)) });
      },

      addServer(server) {
        const draft = get().draft;
        if (!draft) return;
        const servers = serversOf(draft);
        set({
          draft: setIn(draft, ['irc', 'servers'], [...servers, server]),
          serverOrigins: [...get().serverOrigins, null],
          serverIssues: withoutServerIssues('irc.servers'),
        });
      },

      removeServer(index) {
        const draft = get().draft;
        if (!draft) return;
        const servers = serversOf(draft).filter((_, i) => i !== index);
        // Typed secrets follow their server to its new position.
        const changes: Record<string, string | null> = {};
        for (const [path, value] of Object.entries(get().secretChanges)) {
          const m = /^irc\.servers\.(\d+)\.(.+)$/.exec(path);
          if (!m) changes[path] = value;
          else if (Number(m[1]) < index) changes[path] = value;
          else if (Number(m[1]) > index) changes[`irc.servers.${Number(m[1]) - 1}.${m[2]}`] = value;
        }
        set({
          draft: setIn(draft, ['irc', 'servers'], servers),
          serverOrigins: get().serverOrigins.filter((_, i) => i !== index),
          secretChanges: changes,
          serverIssues: withoutServerIssues('irc.servers'),
        });
      },

      setSecret(path, value) {
        const changes = { ...get().secretChanges };
        if (value === undefined) delete changes[path];
        else changes[path] = value;
        set({ secretChanges: changes, serverIssues: withoutServerIssues(path) });
      },

      setSaving(saving) {
        set({ saving });
      },

      setSaveResult({ error = null, issues = [], savedAt = null }) {
        set({ saveError: error, serverIssues: issues, savedAt });
      },

      setTab(tab) {
        set({ tab });
      },
    };
  });
}

export const useSettingsStore: SettingsStore = createSettingsStore();
