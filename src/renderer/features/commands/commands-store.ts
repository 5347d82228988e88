import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { CommandsOverview, ReloadReportDto } from '../../../shared/dto/commands';
import type { FileVersion } from '../../../shared/dto/command-files';

/** Which commands the list shows. */
export type SourceFilter = 'all' | 'builtin' | 'files' | 'failed';

export interface CommandsFilter {
  text: string;
  source: SourceFilter;
}

/** The command file open in the editor. */
export interface EditorDoc {
  file: string;
  /** Content as last read from or saved to disk. */
  saved: string;
  /** Content in the editor. */
  draft: string;
  /** Bumped whenever the content is replaced from outside, so the editor starts afresh. */
  version: number;
  /** The disk version `saved` corresponds to; a save sends it so a newer disk file is not overwritten. */
  base: FileVersion | null;
  /** The file changed on disk while the editor had unsaved changes (shown until resolved). */
  changedOnDisk: boolean;
}

/** A save refused because the file changed on disk: both sides, for the operator to choose. */
export interface SaveConflict {
  file: string;
  /** What the editor tried to save. */
  mine: string;
  /** What is on disk now (null: the file was deleted). */
  disk: { content: string; version: FileVersion } | null;
}

export type ReportSource = 'save' | 'reload' | 'create' | 'delete' | 'load-again' | 'external' | 'rollback';

export interface ShownReport {
  report: ReloadReportDto;
  source: ReportSource;
  /** The file the operator acted on, if any. */
  file: string | null;
  at: number;
}

/** A built-in command (no file) shown in the details pane instead of the editor. */
export type Selection = { kind: 'file'; file: string } | { kind: 'builtin'; name: string } | null;

export interface CommandsState {
  overview: CommandsOverview | null;
  loadError: string | null;
  filter: CommandsFilter;
  selection: Selection;
  doc: EditorDoc | null;
  docLoading: string | null;
  docError: string | null;
  saving: boolean;
  /** The latest reload report, from the panel's own action or from anywhere else. */
  report: ShownReport | null;
  /** The last failed action (save, reload…), shown above the editor. */
  actionError: string | null;
  /** A save that found a newer file on disk, waiting for the operator's choice. */
  conflict: SaveConflict | null;

  setOverview(overview: CommandsOverview): void;
  setLoadError(error: string | null): void;
  setFilter(filter: Partial<CommandsFilter>): void;
  selectBuiltin(name: string): void;
  setDocLoading(file: string | null, error?: string | null): void;
  openDoc(file: string, content: string, base?: FileVersion | null): void;
  /** Content on disk changed (re-read after an outside reload) while the editor had no changes. */
  replaceSaved(content: string, base?: FileVersion | null): void;
  /** The open file changed on disk while the editor has unsaved changes. */
  markChangedOnDisk(): void;
  setConflict(conflict: SaveConflict | null): void;
  setDraft(draft: string): void;
  /** Puts back an unsaved draft kept from before a page reload, in a fresh editor. */
  restoreDraft(draft: string): void;
  /** Drops the editor's changes: back to the saved content, in a fresh editor (undo starts over). */
  revert(): void;
  /** `content` was written: it is the new saved state (the draft may have moved on since). */
  markSaved(content: string, base?: FileVersion | null): void;
  closeDoc(): void;
  setSaving(saving: boolean): void;
  showReport(report: ReloadReportDto, source: ReportSource, file?: string | null): void;
  dismissReport(): void;
  setActionError(error: string | null): void;
}

export type CommandsStore = UseBoundStore<StoreApi<CommandsState>>;

export function isDirty(doc: EditorDoc | null): boolean {
  return doc !== null && doc.draft !== doc.saved;
}

export function sameReport(a: ReloadReportDto, b: ReloadReportDto): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function createCommandsStore(): CommandsStore {
  return create<CommandsState>()((set, get) => ({
    overview: null,
    loadError: null,
    filter: { text: '', source: 'all' },
    selection: null,
    doc: null,
    docLoading: null,
    docError: null,
    saving: false,
    report: null,
    actionError: null,
    conflict: null,

    setOverview: (overview) => set({ overview, loadError: null }),
    setLoadError: (loadError) => set({ loadError }),
    setFilter: (filter) => set({ filter: { ...get().filter, ...filter } }),
    selectBuiltin: (name) => set({ selection: { kind: 'builtin', name }, doc: null, docError: null }),
    setDocLoading: (docLoading, docError = null) => set({ docLoading, docError }),
    openDoc: (file, content, base = null) =>
      set({
        selection: { kind: 'file', file },
        doc: {
          file,
          saved: content,
          draft: content,
          version: (get().doc?.version ?? 0) + 1,
          base,
          changedOnDisk: false,
        },
        docLoading: null,
        docError: null,
        actionError: null,
        conflict: null,
      }),
    replaceSaved: (content, base) => {
      const doc = get().doc;
      if (!doc) return;
      const nextBase = base === undefined ? doc.base : base;
      if (doc.saved === content) {
        set({ doc: { ...doc, base: nextBase, changedOnDisk: false } });
        return;
      }
      set({
        doc: {
          ...doc,
          saved: content,
          draft: content,
          version: doc.version + 1,
          base: nextBase,
          changedOnDisk: false,
        },
      });
    },
    markChangedOnDisk: () => {
      const doc = get().doc;
      if (doc && !doc.changedOnDisk) set({ doc: { ...doc, changedOnDisk: true } });
    },
    setConflict: (conflict) => set({ conflict }),
    setDraft: (draft) => {
      const doc = get().doc;
      if (doc && doc.draft !== draft) set({ doc: { ...doc, draft } });
    },
    restoreDraft: (draft) => {
      const doc = get().doc;
      if (doc && doc.draft !== draft) set({ doc: { ...doc, draft, version: doc.version + 1 } });
    },
    revert: () => {
      const doc = get().doc;
      if (doc) set({ doc: { ...doc, draft: doc.saved, version: doc.version + 1 } });
    },
    markSaved: (content, base) => {
      const doc = get().doc;
      if (doc)
        set({
          doc: { ...doc, saved: content, base: base === undefined ? doc.base : base, changedOnDisk: false },
        });
    },
    closeDoc: () => set({ doc: null, selection: null, docError: null, actionError: null, conflict: null }),
    setSaving: (saving) => set({ saving }),
    showReport: (report, source, file = null) => set({ report: { report, source, file, at: Date.now() } }),
    dismissReport: () => set({ report: null }),
    setActionError: (actionError) => set({ actionError }),
  }));
}

export const useCommandsStore: CommandsStore = createCommandsStore();
