import type { CommandsStore } from './commands-store';
import { isDirty } from './commands-store';

/** Where the open file's unsaved changes survive a reload of this tab (sessionStorage). */
export const DRAFT_KEY = 'protos.commands.draft';

export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface KeptDraft {
  file: string;
  /** The file's content the draft started from. */
  saved: string;
  draft: string;
}

export function readKeptDraft(storage: DraftStorage | null): KeptDraft | null {
  try {
    const raw = storage?.getItem(DRAFT_KEY);
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<KeptDraft> | null;
    return v && typeof v.file === 'string' && typeof v.saved === 'string' && typeof v.draft === 'string'
      ? { file: v.file, saved: v.saved, draft: v.draft }
      : null;
  } catch {
    return null;
  }
}

/**
 * Mirrors the open document into storage while it has unsaved changes and clears it once they are
 * saved or dropped. Writes happen on change only, not per keystroke render. Returns the unsubscriber.
 */
export function keepDrafts(store: CommandsStore, storage: DraftStorage | null): () => void {
  if (!storage) return () => undefined;
  const write = (doc: ReturnType<CommandsStore['getState']>['doc']): void => {
    try {
      if (doc && isDirty(doc))
        storage.setItem(DRAFT_KEY, JSON.stringify({ file: doc.file, saved: doc.saved, draft: doc.draft }));
      else storage.removeItem(DRAFT_KEY);
    } catch {
      // storage full or disabled: the draft then lives for this page only
    }
  };
  return store.subscribe((next, prev) => {
    if (next.doc !== prev.doc) write(next.doc);
  });
}

/**
 * After a reload: reopens the file whose draft was kept (through `open`, which reads it from disk)
 * and puts the draft back. Says so when the file changed on disk meanwhile. Returns whether it did.
 */
export async function restoreKeptDraft(
  store: CommandsStore,
  storage: DraftStorage | null,
  open: (file: string) => Promise<void>,
): Promise<boolean> {
  const kept = readKeptDraft(storage);
  if (!kept || store.getState().doc) return false;
  await open(kept.file);
  const doc = store.getState().doc;
  if (doc?.file !== kept.file) return false; // the file is gone: open() reported it
  store.getState().restoreDraft(kept.draft);
  if (doc.saved !== kept.saved)
    store
      .getState()
      .setActionError(
        `Restored your unsaved changes to ${kept.file}; the file changed on disk since you made them.`,
      );
  return true;
}

/** This tab's sessionStorage, or null where it is unavailable (privacy modes, tests). */
export function sessionStorageOrNull(): DraftStorage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}
