import { describe, expect, it } from 'vitest';
import { createCommandsStore, isDirty } from './commands-store';
import { DRAFT_KEY, keepDrafts, readKeptDraft, restoreKeptDraft } from './draft-keeper';

function memory() {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
}

describe('unsaved command drafts across page reloads', () => {
  it('keeps a dirty draft, and the reloaded page reopens the file with the draft in a fresh editor', async () => {
    const storage = memory();
    const before = createCommandsStore();
    keepDrafts(before, storage);
    before.getState().openDoc('hello.ts', 'v1');
    expect(storage.data.has(DRAFT_KEY)).toBe(false);
    before.getState().setDraft('v1 + my edit');
    expect(readKeptDraft(storage)).toEqual({ file: 'hello.ts', saved: 'v1', draft: 'v1 + my edit' });

    const after = createCommandsStore(); // the page reloaded
    keepDrafts(after, storage);
    const opened: string[] = [];
    const restored = await restoreKeptDraft(after, storage, async (file) => {
      opened.push(file);
      after.getState().openDoc(file, 'v1');
    });
    expect(restored).toBe(true);
    expect(opened).toEqual(['hello.ts']);
    const doc = after.getState().doc!;
    expect(doc.draft).toBe('v1 + my edit');
    expect(isDirty(doc)).toBe(true);
    expect(doc.version).toBe(2); // the editor takes the draft as new content
    expect(after.getState().actionError).toBeNull();
    expect(readKeptDraft(storage)?.draft).toBe('v1 + my edit');
  });

  it('forgets the draft once saved or reverted', () => {
    const storage = memory();
    const store = createCommandsStore();
    keepDrafts(store, storage);
    store.getState().openDoc('a.ts', 'x');
    store.getState().setDraft('y');
    store.getState().markSaved('y');
    expect(storage.data.has(DRAFT_KEY)).toBe(false);
    store.getState().setDraft('z');
    store.getState().revert();
    expect(storage.data.has(DRAFT_KEY)).toBe(false);
  });

  it('says so when the file changed on disk since the draft was made', async () => {
    const storage = memory();
    storage.setItem(DRAFT_KEY, JSON.stringify({ file: 'a.ts', saved: 'old', draft: 'mine' }));
    const store = createCommandsStore();
    await restoreKeptDraft(store, storage, async (file) => store.getState().openDoc(file, 'changed'));
    expect(store.getState().doc?.draft).toBe('mine');
    expect(store.getState().actionError).toContain('changed on disk');
  });

  it('does nothing when the file cannot be opened any more, and keeps the draft', async () => {
    const storage = memory();
    storage.setItem(DRAFT_KEY, JSON.stringify({ file: 'gone.ts', saved: 'a', draft: 'b' }));
    const store = createCommandsStore();
    keepDrafts(store, storage);
    expect(await restoreKeptDraft(store, storage, async () => undefined)).toBe(false);
    expect(store.getState().doc).toBeNull();
    expect(readKeptDraft(storage)?.draft).toBe('b');
  });

  it.each(['{', '"text"', '{"file":1}', 'null'])('ignores a malformed kept draft %s', async (raw) => {
    const storage = memory();
    storage.setItem(DRAFT_KEY, raw);
    expect(readKeptDraft(storage)).toBeNull();
    expect(await restoreKeptDraft(createCommandsStore(), storage, async () => undefined)).toBe(false);
  });
});
