import { describe, expect, it } from 'vitest';
import { fakeVersion, reloadReport, runtimeFake, SAMPLE_OVERVIEW } from '../../test-support/fake-client';
import { commandActions } from './commands-actions';
import { attachCommandsFeed } from './commands-feed';
import { createCommandsStore, isDirty } from './commands-store';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup() {
  const disk = new Map([
    ['echo.ts', 'v1'],
    ['countdown.ts', 'c1'],
  ]);
  const failed = reloadReport({ failed: [{ file: 'echo.ts', line: 2, column: 3, message: 'boom' }] });
  const client = runtimeFake()
    .handle('commands.readFile', ({ file }) => ({
      file,
      content: disk.get(file) ?? '',
      version: fakeVersion(disk.get(file) ?? ''),
    }))
    .handle('commands.writeFile', ({ file, content }) => {
      disk.set(file, content);
      return {
        report: content.includes('syntax error') ? failed : reloadReport({ updated: [file] }),
        version: fakeVersion(content),
        conflict: null,
      };
    })
    .handle('commands.reload', () => reloadReport({ loaded: ['new-one.ts'] }))
    .handle('commands.createFile', ({ file, commandName }) => {
      disk.set(file, `// ${commandName}`);
      return { file, content: `// ${commandName}` };
    })
    .handle('commands.deleteFile', ({ file }) => {
      disk.delete(file);
      return { report: reloadReport({ removed: [file] }) };
    });
  const store = createCommandsStore();
  return { client, store, disk, actions: commandActions(client, store) };
}

describe('command actions', () => {
  it('opens a file, tracks unsaved changes and saves with reload: true', async () => {
    const { client, store, actions, disk } = setup();
    await actions.open('echo.ts');
    expect(store.getState().doc).toMatchObject({ file: 'echo.ts', saved: 'v1', draft: 'v1' });
    store.getState().setDraft('v2');
    expect(isDirty(store.getState().doc)).toBe(true);
    expect(await actions.save()).toBe(true);
    expect(client.calls.find((c) => c.method === 'commands.writeFile')?.input).toEqual({
      file: 'echo.ts',
      content: 'v2',
      reload: true,
      baseVersion: fakeVersion('v1'),
    });
    expect(disk.get('echo.ts')).toBe('v2');
    expect(isDirty(store.getState().doc)).toBe(false);
    expect(store.getState().report).toMatchObject({ source: 'save', file: 'echo.ts' });
    expect(store.getState().overview).toEqual(SAMPLE_OVERVIEW);
  });

  it('reports a save whose reload failed for the file', async () => {
    const { store, actions } = setup();
    await actions.open('echo.ts');
    store.getState().setDraft('syntax error');
    expect(await actions.save()).toBe(false);
    expect(store.getState().report?.report.failed[0]?.message).toBe('boom');
    expect(isDirty(store.getState().doc)).toBe(false);
  });

  it('keeps the error of a failed write and the unsaved draft', async () => {
    const { client, store, actions } = setup();
    client.handle('commands.writeFile', () => {
      throw new Error('disk full');
    });
    await actions.open('echo.ts');
    store.getState().setDraft('v9');
    expect(await actions.save()).toBe(false);
    expect(store.getState().actionError).toBe('Could not save echo.ts: disk full');
    expect(isDirty(store.getState().doc)).toBe(true);
  });

  it('creates from the template, loads it with a reload and opens it; deletes and closes', async () => {
    const { client, store, actions } = setup();
    await actions.create('new-one.ts', 'newOne');
    expect(client.calls.map((c) => c.method)).toEqual(
      expect.arrayContaining(['commands.createFile', 'commands.reload', 'commands.list']),
    );
    expect(store.getState().doc).toMatchObject({ file: 'new-one.ts', draft: '// newOne' });
    expect(store.getState().report?.source).toBe('create');
    await actions.remove('new-one.ts');
    expect(store.getState().doc).toBeNull();
    expect(store.getState().report).toMatchObject({ source: 'delete', report: { removed: ['new-one.ts'] } });
  });

  it('follows reload events: shows the report, refreshes, re-reads an open file without changes', async () => {
    const { client, store, disk } = setup();
    attachCommandsFeed(client, store);
    await settle();
    const actions = commandActions(client, store);
    await actions.open('echo.ts');
    disk.set('echo.ts', 'changed elsewhere');
    client.push('reload', reloadReport({ updated: ['echo.ts'] }));
    await settle();
    await settle();
    expect(store.getState().report?.source).toBe('external');
    expect(store.getState().doc).toMatchObject({ saved: 'changed elsewhere', draft: 'changed elsewhere' });
    expect(client.calls.filter((c) => c.method === 'commands.list').length).toBeGreaterThanOrEqual(2);

    // With unsaved changes the operator's draft is kept.
    store.getState().setDraft('mine');
    disk.set('echo.ts', 'again elsewhere');
    client.push('reload', reloadReport({ updated: ['echo.ts'], ms: 9 }));
    await settle();
    await settle();
    expect(store.getState().doc?.draft).toBe('mine');
  });
});

describe('command actions: files changed on disk', () => {
  /** A fake that checks versions like the runtime: a save based on an old version is a conflict. */
  function versioned() {
    const disk = new Map([['echo.ts', 'v1']]);
    const client = runtimeFake()
      .handle('commands.readFile', ({ file }) => ({
        file,
        content: disk.get(file) ?? '',
        version: fakeVersion(disk.get(file) ?? ''),
      }))
      .handle('commands.fileVersion', ({ file }) => ({
        version: disk.has(file) ? fakeVersion(disk.get(file)!) : null,
      }))
      .handle('commands.writeFile', ({ file, content, baseVersion }) => {
        const now = disk.get(file);
        if (baseVersion && (now === undefined || fakeVersion(now).hash !== baseVersion.hash)) {
          const current = now === undefined ? null : { content: now, version: fakeVersion(now) };
          return { report: null, version: null, conflict: { disk: current } };
        }
        disk.set(file, content);
        return { report: reloadReport({ updated: [file] }), version: fakeVersion(content), conflict: null };
      });
    const store = createCommandsStore();
    return { client, store, disk, actions: commandActions(client, store) };
  }

  it('a save over a newer disk file is a conflict with both sides; nothing is written', async () => {
    const { store, disk, actions } = versioned();
    await actions.open('echo.ts');
    store.getState().setDraft('mine');
    disk.set('echo.ts', 'theirs');
    expect(await actions.save()).toBe(false);
    expect(disk.get('echo.ts')).toBe('theirs');
    expect(store.getState().conflict).toEqual({
      file: 'echo.ts',
      mine: 'mine',
      disk: { content: 'theirs', version: fakeVersion('theirs') },
    });
    expect(isDirty(store.getState().doc)).toBe(true);
  });

  it('keeping mine (or a merge of both) writes it over the version the operator saw', async () => {
    const { store, disk, actions } = versioned();
    await actions.open('echo.ts');
    store.getState().setDraft('mine');
    disk.set('echo.ts', 'theirs');
    await actions.save();
    expect(await actions.resolveConflict('mine', 'theirs + mine')).toBe(true);
    expect(disk.get('echo.ts')).toBe('theirs + mine');
    expect(store.getState().conflict).toBeNull();
    expect(store.getState().doc).toMatchObject({
      saved: 'theirs + mine',
      base: fakeVersion('theirs + mine'),
    });
  });

  it('taking the disk version drops the editor changes', async () => {
    const { store, disk, actions } = versioned();
    await actions.open('echo.ts');
    store.getState().setDraft('mine');
    disk.set('echo.ts', 'theirs');
    await actions.save();
    await actions.resolveConflict('disk');
    expect(store.getState().doc).toMatchObject({
      saved: 'theirs',
      draft: 'theirs',
      base: fakeVersion('theirs'),
    });
    expect(disk.get('echo.ts')).toBe('theirs');
  });

  it('checkDisk loads a changed file when there are no local edits, and flags it when there are', async () => {
    const { store, disk, actions } = versioned();
    await actions.open('echo.ts');
    disk.set('echo.ts', 'v2');
    await actions.checkDisk();
    expect(store.getState().doc).toMatchObject({ saved: 'v2', draft: 'v2', changedOnDisk: false });
    store.getState().setDraft('local');
    disk.set('echo.ts', 'v3');
    await actions.checkDisk();
    expect(store.getState().doc).toMatchObject({ saved: 'v2', draft: 'local', changedOnDisk: true });
  });

  it('a deleted file is flagged, and keeping mine creates it again', async () => {
    const { store, disk, actions } = versioned();
    await actions.open('echo.ts');
    store.getState().setDraft('mine');
    disk.delete('echo.ts');
    await actions.checkDisk();
    expect(store.getState().doc?.changedOnDisk).toBe(true);
    await actions.save();
    expect(store.getState().conflict?.disk).toBeNull();
    await actions.resolveConflict('mine');
    expect(disk.get('echo.ts')).toBe('mine');
  });
});

describe('rollback', () => {
  const OLD_ID = `0000000001000-${'a'.repeat(32)}`;
  function withHistory(conflictWith: string | null, fail = false) {
    const disk = new Map([['echo.ts', 'v2']]);
    const client = runtimeFake()
      .handle('commands.readFile', ({ file }) => ({
        file,
        content: disk.get(file) ?? '',
        version: fakeVersion(disk.get(file) ?? ''),
      }))
      .handle('commands.historyVersion', ({ id }) => ({
        entry: {
          id,
          savedAt: 1000,
          bytes: 2,
          hash: 'a'.repeat(32),
          source: 'panel' as const,
          restoredFrom: null,
        },
        content: 'v1',
      }))
      .handle('commands.rollback', ({ file }) => {
        if (fail) throw new Error('disk full');
        if (conflictWith !== null) {
          disk.set(file, conflictWith);
          return {
            report: null,
            version: null,
            conflict: { disk: { content: conflictWith, version: fakeVersion(conflictWith) } },
            entry: null,
          };
        }
        disk.set(file, 'v1');
        return {
          report: reloadReport({ updated: [file] }),
          version: fakeVersion('v1'),
          conflict: null,
          entry: null,
        };
      });
    const store = createCommandsStore();
    return { client, store, disk, actions: commandActions(client, store) };
  }

  it('opens the rolled-back content as saved and shows the reload report', async () => {
    const { store, actions, client } = withHistory(null);
    await actions.open('echo.ts');
    store.getState().setDraft('unsaved edit');
    expect(await actions.rollback(OLD_ID)).toBe(true);
    expect(client.calls.find((c) => c.method === 'commands.rollback')?.input).toEqual({
      file: 'echo.ts',
      id: OLD_ID,
      baseVersion: fakeVersion('v2'),
    });
    expect(store.getState().doc).toMatchObject({ saved: 'v1', draft: 'v1', base: fakeVersion('v1') });
    expect(store.getState().report).toMatchObject({ source: 'rollback', file: 'echo.ts' });
    expect(store.getState().saving).toBe(false);
  });

  it('a newer disk version becomes the conflict dialog with the old version as "mine"', async () => {
    const { store, actions, disk } = withHistory('someone else');
    await actions.open('echo.ts');
    expect(await actions.rollback(OLD_ID)).toBe(false);
    expect(store.getState().conflict).toEqual({
      file: 'echo.ts',
      mine: 'v1',
      disk: { content: 'someone else', version: fakeVersion('someone else') },
    });
    expect(disk.get('echo.ts')).toBe('someone else');
    expect(store.getState().doc?.saved).toBe('v2');
  });

  it('a failure is shown and the editor keeps its content', async () => {
    const { store, actions } = withHistory(null, true);
    await actions.open('echo.ts');
    store.getState().setDraft('mine');
    expect(await actions.rollback(OLD_ID)).toBe(false);
    expect(store.getState().actionError).toMatch(/Could not roll echo.ts back: .*disk full/);
    expect(store.getState().doc).toMatchObject({ saved: 'v2', draft: 'mine' });
  });
});
