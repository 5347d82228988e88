import type { ReloadReportDto } from '../../../shared/dto/commands';
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
      const { content } = await client.call('commands.readFile', { file });
      if (state().docLoading === file) state().openDoc(file, content);
    } catch (err) {
      if (state().docLoading === file)
        state().setDocLoading(null, `Could not open ${file}: ${describeError(err)}`);
    }
  };

  return {
    refresh,
    open,

    async save() {
      const doc = state().doc;
      if (!doc || state().saving) return false;
      const content = doc.draft;
      state().setSaving(true);
      state().setActionError(null);
      try {
        const { report } = await client.call('commands.writeFile', { file: doc.file, content, reload: true });
        if (state().doc?.file === doc.file) state().markSaved(content);
        if (report) state().showReport(report, 'save', doc.file);
        await refresh();
        return report ? !report.failed.some((f) => f.file === doc.file) : true;
      } catch (err) {
        state().setActionError(`Could not save ${doc.file}: ${describeError(err)}`);
        return false;
      } finally {
        state().setSaving(false);
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
        const { content } = await client.call('commands.readFile', { file: doc.file });
        const now = state().doc;
        if (now?.file === doc.file && !isDirty(now)) state().replaceSaved(content);
      } catch {
        // the next reload or an explicit open will tell
      }
    },
  };
}
