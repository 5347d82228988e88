import type { ReloadReportDto } from '../../../shared/dto/commands';
import type { FileVersion } from '../../../shared/dto/command-files';
import type { PanelClient } from '../../api/panel-client';
import { describeError } from '../../lib/errors';
import { isDirty, sameReport, type CommandsStore } from './commands-store';

export interface CommandActions {
  /** Fetches the command list and file states (newest request wins). */
  refresh(): Promise<void>;
  open(file: string): Promise<void>;
  /** Save & Reload: writes the editor's content and reloads; resolves with whether it loaded. */
  save(): Promise<boolean>;
  reloadAll(): Promise<void>;
  /** Creates a file from the template, loads it and opens it. Rejects with the runtime's error. */
  create(file: string, commandName: string): Promise<void>;
  /** Deletes a file (its commands are unloaded). Rejects with the runtime's error. */
  remove(file: string): Promise<void>;
  /** "Load again": lifts a quarantined file's quarantine and reloads. */
  loadAgain(file: string): Promise<void>;
  /** Handles a `reload` event (a reload from any source). */
  onReloadEvent(report: ReloadReportDto): Promise<void>;
  /**
   * Asks for the open file's disk version: a changed file is loaded when the editor has no
   * changes of its own, otherwise marked as changed on disk.
   */
  checkDisk(): Promise<void>;
  /**
   * Settles a save conflict: keep mine (write it, or `merged` — the operator's combination of
   * both — over the disk version) or take the disk version (dropping the editor's changes).
   */
  resolveConflict(choice: 'mine' | 'disk', merged?: string): Promise<boolean>;
  /**
   * Rolls the open file back to a saved version: the runtime saves it as the newest version and
   * reloads; the editor then shows it (unsaved edits are dropped: the caller asks first). A disk
   * version newer than the editor's becomes a conflict, as for a save.
   */
  rollback(id: string): Promise<boolean>;
}

const listRequests = new WeakMap<CommandsStore, number>();

/** The Commands view's operations over the contract, writing their results into the store. */
export function commandActions(client: PanelClient, store: CommandsStore): CommandActions {
  const state = () => store.getState();

  const refresh = async (): Promise<void> => {
    const seq = (listRequests.get(store) ?? 0) + 1;
    listRequests.set(store, seq);
    try {
      const overview = await client.call('commands.list', {});
      if (listRequests.get(store) === seq) state().setOverview(overview);
    } catch (err) {
      if (listRequests.get(store) === seq) state().setLoadError(describeError(err));
    }
  };

  const open = async (file: string): Promise<void> => {
    state().setDocLoading(file);
    try {
      const { content, version } = await client.call('commands.readFile', { file });
      if (state().docLoading === file) state().openDoc(file, content, version);
    } catch (err) {
      if (state().docLoading === file)
        state().setDocLoading(null, `Could not open ${file}: ${describeError(err)}`);
    }
  };

  /** Writes `content` based on `base`; a newer file on disk becomes a conflict, not an overwrite. */
  const saveContent = async (file: string, content: string, base: FileVersion | null): Promise<boolean> => {
    state().setSaving(true);
    state().setActionError(null);
    try {
      const { report, version, conflict } = await client.call('commands.writeFile', {
        file,
        content,
        reload: true,
        ...(base ? { baseVersion: base } : {}),
      });
      if (conflict) {
        if (state().doc?.file === file) state().setConflict({ file, mine: content, disk: conflict.disk });
        return false;
      }
      if (state().doc?.file === file) state().markSaved(content, version);
      if (report) state().showReport(report, 'save', file);
      await refresh();
      return report ? !report.failed.some((f) => f.file === file) : true;
    } catch (err) {
      state().setActionError(`Could not save ${file}: ${describeError(err)}`);
      return false;
    } finally {
      state().setSaving(false);
    }
  };

  return {
    refresh,
    open,

    async save() {
      const doc = state().doc;
      if (!doc || state().saving) return false;
      return saveContent(doc.file, doc.draft, doc.base);
    },

    async resolveConflict(choice, merged) {
      const conflict = state().conflict;
      if (!conflict) return false;
      state().setConflict(null);
      if (choice === 'disk') {
        const doc = state().doc;
        if (doc?.file !== conflict.file) return false;
        if (conflict.disk) state().openDoc(conflict.file, conflict.disk.content, conflict.disk.version);
        else state().setActionError(`${conflict.file} was deleted on disk; save to create it again.`);
        return true;
      }
      // mine: write over the disk version the operator has now seen (or create a deleted file)
      const content = merged ?? conflict.mine;
      if (state().doc?.file === conflict.file) state().setDraft(content);
      return saveContent(conflict.file, content, conflict.disk?.version ?? null);
    },

    async rollback(id) {
      const doc = state().doc;
      if (!doc || state().saving) return false;
      const { file } = doc;
      state().setSaving(true);
      state().setActionError(null);
      try {
        const res = await client.call('commands.rollback', {
          file,
          id,
          ...(doc.base ? { baseVersion: doc.base } : {}),
        });
        if (res.conflict) {
          const old = await client.call('commands.historyVersion', { file, id });
          if (state().doc?.file === file)
            state().setConflict({ file, mine: old.content, disk: res.conflict.disk });
          return false;
        }
        const now = await client.call('commands.readFile', { file });
        if (state().doc?.file === file) state().openDoc(file, now.content, now.version);
        if (res.report) state().showReport(res.report, 'rollback', file);
        await refresh();
        return res.report ? !res.report.failed.some((f) => f.file === file) : true;
      } catch (err) {
        state().setActionError(`Could not roll ${file} back: ${describeError(err)}`);
        return false;
      } finally {
        state().setSaving(false);
      }
    },

    async checkDisk() {
      const doc = state().doc;
      if (!doc?.base) return;
      try {
        const { version } = await client.call('commands.fileVersion', { file: doc.file });
        const now = state().doc;
        if (!now || now.file !== doc.file || !now.base || version?.hash === now.base.hash) return;
        if (isDirty(now) || version === null) {
          state().markChangedOnDisk();
          return;
        }
        const fresh = await client.call('commands.readFile', { file: doc.file });
        const current = state().doc;
        if (current?.file === doc.file && !isDirty(current))
          state().replaceSaved(fresh.content, fresh.version);
      } catch {
        // the next check, reload or explicit open will tell
      }
    },

    async reloadAll() {
      state().setActionError(null);
      try {
        const report = await client.call('commands.reload', { force: true });
        state().showReport(report, 'reload');
        await refresh();
      } catch (err) {
        state().setActionError(`Reload failed: ${describeError(err)}`);
      }
    },

    async create(file, commandName) {
      const { content } = await client.call('commands.createFile', { file, commandName });
      // A new file is not loaded until the next reload: load it now so it can run right away.
      const report = await client.call('commands.reload', { force: false });
      state().openDoc(file, content);
      state().showReport(report, 'create', file);
      await refresh();
    },

    async remove(file) {
      const { report } = await client.call('commands.deleteFile', { file });
      if (state().doc?.file === file || (state().selection?.kind === 'file' && state().docLoading === file))
        state().closeDoc();
      state().showReport(report, 'delete', file);
      await refresh();
    },

    async loadAgain(file) {
      state().setActionError(null);
      try {
        const report = await client.call('commands.liftQuarantine', { file });
        state().showReport(report, 'load-again', file);
        await refresh();
      } catch (err) {
        state().setActionError(`Could not load ${file} again: ${describeError(err)}`);
      }
    },

    async onReloadEvent(report) {
      const shown = state().report;
      if (!shown || !sameReport(shown.report, report)) state().showReport(report, 'external');
      await refresh();
      // The open file changed on disk (another editor, the file watcher): follow it unless the
      // operator has unsaved changes of their own.
      const doc = state().doc;
      if (!doc || isDirty(doc) || ![...report.loaded, ...report.updated].includes(doc.file)) return;
      try {
        const { content, version } = await client.call('commands.readFile', { file: doc.file });
        const now = state().doc;
        if (now?.file === doc.file && !isDirty(now)) state().replaceSaved(content, version);
      } catch {
        // the next reload or an explicit open will tell
      }
    },
  };
}
