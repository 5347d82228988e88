import './commands.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useApi } from '../../api/api-context';
import { SearchInput } from '../../ui/SearchInput';
import { Icon } from '../../ui/Icon';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ViewHeader } from '../../ui/ViewHeader';
import { BuiltinDetails } from './BuiltinDetails';
import type { CodeEditorHandle } from './CodeEditor';
import { CommandList } from './CommandList';
import { groupCommands } from './command-groups';
import { commandActions } from './commands-actions';
import { isDirty, useCommandsStore, type SourceFilter } from './commands-store';
import { EditorPane } from './EditorPane';
import { NewCommandDialog } from './NewCommandDialog';
import { ConflictDialog } from './ConflictDialog';
import { HistoryDialog } from './HistoryDialog';
import { TypeErrorsDialog } from './TypeErrorsDialog';
import { commandPath } from '../../../shared/editor/type-pack';
import type { TypeErrorInfo } from './types/type-errors';
import { typeErrorsBeforeSave, useTypeCheckerSource } from './types/type-checker';

/** How often the open file's disk version is checked. */
const DISK_CHECK_MS = 2_000;
import { ReloadReport } from './ReloadReport';
import { keepDrafts, restoreKeptDraft, sessionStorageOrNull } from './draft-keeper';

const SOURCES: { id: SourceFilter; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'files', label: 'Files' },
  { id: 'builtin', label: 'Built-in' },
  { id: 'failed', label: 'Failed' },
];

type Dialog =
  | { kind: 'new' }
  | { kind: 'delete'; file: string }
  | { kind: 'discard'; then: () => void; file: string }
  | { kind: 'history'; file: string }
  | { kind: 'type-errors'; file: string; errors: TypeErrorInfo[] }
  | null;

/** Commands: the loaded commands per file, and an editor to change a file and reload it. */
export function CommandsView() {
  const api = useApi();
  const actions = useMemo(() => commandActions(api, useCommandsStore), [api]);
  const overview = useCommandsStore((s) => s.overview);
  const loadError = useCommandsStore((s) => s.loadError);
  const filter = useCommandsStore((s) => s.filter);
  const selection = useCommandsStore((s) => s.selection);
  const doc = useCommandsStore((s) => s.doc);
  const docLoading = useCommandsStore((s) => s.docLoading);
  const docError = useCommandsStore((s) => s.docError);
  const saving = useCommandsStore((s) => s.saving);
  const report = useCommandsStore((s) => s.report);
  const actionError = useCommandsStore((s) => s.actionError);
  const conflict = useCommandsStore((s) => s.conflict);
  const setFilter = useCommandsStore((s) => s.setFilter);
  const setDraft = useCommandsStore((s) => s.setDraft);
  const selectBuiltin = useCommandsStore((s) => s.selectBuiltin);
  const dismissReport = useCommandsStore((s) => s.dismissReport);
  const revert = useCommandsStore((s) => s.revert);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [reloading, setReloading] = useState(false);
  const editorRef = useRef<CodeEditorHandle | null>(null);

  const groups = useMemo(() => (overview ? groupCommands(overview, filter) : []), [overview, filter]);
  const dirty = isDirty(doc);
  const status = doc ? (overview?.files.find((f) => f.file === doc.file) ?? null) : null;
  const fileCommands = doc ? (overview?.commands.filter((c) => c.file === doc.file) ?? []) : [];
  const builtin =
    selection?.kind === 'builtin'
      ? (overview?.commands.find((c) => c.name === selection.name) ?? null)
      : null;
  const failedFiles = overview?.files.filter((f) => f.state === 'failed').length ?? 0;

  /** Runs `then` now, or after the operator agreed to drop unsaved changes. */
  const guard = useCallback((then: () => void) => {
    const current = useCommandsStore.getState().doc;
    if (current && isDirty(current)) setDialog({ kind: 'discard', then, file: current.file });
    else then();
  }, []);
  const openFile = useCallback(
    (file: string) => {
      if (useCommandsStore.getState().doc?.file === file) return;
      guard(() => void actions.open(file));
    },
    [actions, guard],
  );
  const typeChecker = useTypeCheckerSource();
  const [checking, setChecking] = useState(false);
  // Save & Reload asks first when TypeScript finds errors (the reload's syntax check stays).
  const save = useCallback(() => {
    const current = useCommandsStore.getState().doc;
    if (!current || checking || useCommandsStore.getState().saving) return;
    setChecking(true);
    void typeErrorsBeforeSave(typeChecker, commandPath(current.file), current.draft)
      .then((errors) => {
        const now = useCommandsStore.getState().doc;
        if (now?.file !== current.file) return;
        // syntax errors are left to the reload, which marks them and keeps the old version running
        const typeErrors = errors?.filter((e) => e.kind === 'type') ?? [];
        if (typeErrors.length > 0) setDialog({ kind: 'type-errors', file: current.file, errors: typeErrors });
        else void actions.save();
      })
      .finally(() => setChecking(false));
  }, [actions, typeChecker, checking]);

  // Unsaved changes survive a reload of the page (and a bot restart meanwhile).
  useEffect(() => {
    const storage = sessionStorageOrNull();
    const off = keepDrafts(useCommandsStore, storage);
    void restoreKeptDraft(useCommandsStore, storage, actions.open);
    return off;
  }, [actions]);

  // Ctrl/Cmd+S anywhere in the view saves (and keeps the browser's "save page" away).
  useEffect(() => {
    if (!doc) return undefined;
    const onKey = (e: KeyboardEvent): void => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [doc, save]);

  // The open file's version on disk is checked every few seconds and when the window regains
  // focus: a change is loaded (no local edits) or flagged (local edits), never overwritten.
  const diskWatchedFile = doc?.file ?? null;
  useEffect(() => {
    if (!diskWatchedFile) return undefined;
    const check = (): void => void actions.checkDisk();
    const timer = setInterval(check, DISK_CHECK_MS);
    window.addEventListener('focus', check);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', check);
    };
  }, [diskWatchedFile, actions]);

  // Closing the tab with unsaved changes asks first.
  useEffect(() => {
    if (!dirty) return undefined;
    const onUnload = (e: BeforeUnloadEvent): void => e.preventDefault();
    window.addEventListener('beforeunload', onUnload);
    return () => window.removeEventListener('beforeunload', onUnload);
  }, [dirty]);

  const reloadAll = async (): Promise<void> => {
    setReloading(true);
    await actions.reloadAll();
    setReloading(false);
  };

  return (
    <section className="view" aria-label="Commands">
      <ViewHeader
        title="Commands"
        subtitle={
          overview ? (
            <span data-testid="command-counts">
              {overview.commands.length} commands · {overview.files.length} files
              {failedFiles > 0 && <span className="tone-text-err"> · {failedFiles} failed</span>}
              <span className="dim"> · {overview.commandsDir}</span>
            </span>
          ) : undefined
        }
      >
        <button type="button" className="button" onClick={() => void reloadAll()} disabled={reloading}>
          <Icon name="refresh" size={13} />
          {reloading ? 'Reloading…' : 'Reload all'}
        </button>
        <button
          type="button"
          className="button primary"
          onClick={() => guard(() => setDialog({ kind: 'new' }))}
        >
          <Icon name="plus" size={13} />
          New command
        </button>
      </ViewHeader>
      <div className="commands-body">
        <aside className="cmd-sidebar">
          <div className="cmd-filter">
            <SearchInput
              label="Filter commands"
              placeholder="Filter name, alias, file…"
              value={filter.text}
              onChange={(text) => setFilter({ text })}
            />
            <div className="segmented" role="group" aria-label="Show">
              {SOURCES.map((s) => (
                <button
                  key={s.id}
                  type="button"
                  aria-pressed={filter.source === s.id}
                  onClick={() => setFilter({ source: s.id })}
                >
                  {s.label}
                  {s.id === 'failed' && failedFiles > 0 && (
                    <span className="seg-count tone-text-err">{failedFiles}</span>
                  )}
                </button>
              ))}
            </div>
          </div>
          {loadError && !overview && (
            <div className="callout err cmd-callout">Could not load commands: {loadError}</div>
          )}
          {!overview && !loadError && <div className="view-message">Loading commands…</div>}
          {overview &&
            (groups.length > 0 ? (
              <CommandList
                groups={groups}
                selection={selection}
                onOpenFile={openFile}
                onSelectBuiltin={(name) => guard(() => selectBuiltin(name))}
                dirtyFile={dirty ? (doc?.file ?? null) : null}
              />
            ) : (
              <div className="panel-empty">No command matches.</div>
            ))}
        </aside>
        <div className="cmd-main">
          {report && (
            <ReloadReport
              shown={report}
              onDismiss={dismissReport}
              onShowFailure={(f) => {
                if (doc?.file === f.file && f.line !== null) editorRef.current?.goTo(f.line, f.column);
                else openFile(f.file);
              }}
            />
          )}
          {actionError && (
            <div className="callout err cmd-callout" role="alert">
              <Icon name="alert" size={14} />
              <span>{actionError}</span>
            </div>
          )}
          {docError && <div className="callout err cmd-callout">{docError}</div>}
          {doc?.changedOnDisk && (
            <div className="callout warn cmd-callout" role="status" data-testid="changed-on-disk">
              <Icon name="alert" size={14} />
              <span>
                {doc.file} changed on disk since you opened it. Your changes are kept; saving shows both
                versions so you can choose.
              </span>
            </div>
          )}
          {doc ? (
            <EditorPane
              doc={doc}
              status={status}
              commands={fileCommands}
              saving={saving || checking}
              editorRef={editorRef}
              onChange={setDraft}
              onSave={save}
              onRevert={revert}
              onDelete={() => setDialog({ kind: 'delete', file: doc.file })}
              onLoadAgain={() => void actions.loadAgain(doc.file)}
              onHistory={() => setDialog({ kind: 'history', file: doc.file })}
            />
          ) : builtin ? (
            <BuiltinDetails command={builtin} />
          ) : (
            <div className="cmd-placeholder">
              <Icon name="code" size={22} />
              <div className="cmd-placeholder-title">
                {docLoading ? `Opening ${docLoading}…` : 'Select a command file to edit it'}
              </div>
              <p>
                Changes are saved and reloaded in one step (<span className="kbd">Ctrl+S</span>). A file that
                fails to load keeps its previous version running, and the error is marked at its line.
              </p>
            </div>
          )}
        </div>
      </div>
      {conflict && (
        <ConflictDialog
          conflict={conflict}
          busy={saving}
          onKeepMine={(content) => void actions.resolveConflict('mine', content)}
          onTakeDisk={() => void actions.resolveConflict('disk')}
          onCancel={() => useCommandsStore.getState().setConflict(null)}
        />
      )}
      {dialog?.kind === 'new' && (
        <NewCommandDialog
          existingFiles={overview?.files.map((f) => f.file) ?? []}
          existingNames={overview?.commands.flatMap((c) => [c.name, ...c.aliases]) ?? []}
          onCreate={(file, name) => actions.create(file, name)}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title={`Delete ${dialog.file}?`}
          confirmLabel="Delete file"
          tone="danger"
          onCancel={() => setDialog(null)}
          onConfirm={async () => {
            await actions.remove(dialog.file);
            setDialog(null);
          }}
        >
          <p>
            The file is removed from the commands folder and its commands are unloaded:{' '}
            {fileCommands.length > 0
              ? fileCommands.map((c) => <code key={c.id}>{c.name}</code>)
              : 'none loaded'}
            .
          </p>
          <p>This cannot be undone.</p>
        </ConfirmDialog>
      )}
      {dialog?.kind === 'history' && doc?.file === dialog.file && (
        <HistoryDialog
          client={api}
          file={dialog.file}
          current={doc.draft}
          dirty={dirty}
          busy={saving}
          onClose={() => setDialog(null)}
          // done or not, the outcome shows in the view (reload report, error, or the conflict dialog)
          onRollback={(entry) => void actions.rollback(entry.id).then(() => setDialog(null))}
        />
      )}
      {dialog?.kind === 'type-errors' && (
        <TypeErrorsDialog
          file={dialog.file}
          errors={dialog.errors}
          onCancel={() => setDialog(null)}
          onGoTo={(e) => {
            setDialog(null);
            editorRef.current?.goTo(e.line, e.column);
          }}
          onSaveAnyway={() => {
            setDialog(null);
            void actions.save();
          }}
        />
      )}
      {dialog?.kind === 'discard' && (
        <ConfirmDialog
          title="Discard unsaved changes?"
          confirmLabel="Discard changes"
          tone="danger"
          onCancel={() => setDialog(null)}
          onConfirm={() => {
            const { then } = dialog;
            setDialog(null);
            then();
          }}
        >
          <p>
            <b>{dialog.file}</b> has changes that are not saved. They are lost if you continue.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
