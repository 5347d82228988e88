import { lazy, Suspense, useState, type RefObject } from 'react';
import type { CommandDto, FileStatusDto } from '../../../shared/dto/commands';
import { Icon } from '../../ui/Icon';
import type { CodeEditorHandle, TypeStatus } from './CodeEditor';
import { typeErrorCount } from './types/type-errors';
import { failureLocation } from './command-groups';
import { isDirty, type EditorDoc } from './commands-store';
import { FileGuardNotes } from './FileGuardNotes';
import { FileStateBadge } from './FileStateBadge';

// CodeMirror is the largest part of the panel: loaded when a file is first opened.
const CodeEditor = lazy(() => import('./CodeEditor'));

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The open command file: header with actions, the load failure, the editor, its commands. */
export function EditorPane({
  doc,
  status,
  commands,
  saving,
  editorRef,
  onChange,
  onSave,
  onRevert,
  onDelete,
  onLoadAgain,
  onHistory,
}: {
  doc: EditorDoc;
  status: FileStatusDto | null;
  commands: CommandDto[];
  saving: boolean;
  editorRef: RefObject<CodeEditorHandle | null>;
  onChange: (value: string) => void;
  onSave: () => void;
  onRevert: () => void;
  onDelete: () => void;
  /** Lifts the file's quarantine and reloads. */
  onLoadAgain: () => void;
  /** Opens the file's saved versions. */
  onHistory: () => void;
}) {
  const dirty = isDirty(doc);
  const [types, setTypes] = useState<TypeStatus>({ state: 'starting' });
  const failure = status?.state === 'failed' ? status.error : null;
  return (
    <div className="editor-pane">
      <div className="editor-head">
        <Icon name="file" size={14} />
        <span className="editor-file mono">{doc.file}</span>
        {dirty ? (
          <span className="unsaved" data-testid="unsaved">
            <span className="dirty-dot" aria-hidden="true" /> unsaved changes
          </span>
        ) : (
          <span className="saved dim">saved</span>
        )}
        <FileStateBadge status={status} />
        <div className="editor-actions">
          <button type="button" className="button quiet" onClick={onHistory} data-testid="open-history">
            <Icon name="history" size={13} />
            History
          </button>
          <button type="button" className="button quiet" onClick={onRevert} disabled={!dirty || saving}>
            <Icon name="undo" size={13} />
            Revert
          </button>
          <button type="button" className="button danger" onClick={onDelete} disabled={saving}>
            <Icon name="trash" size={13} />
            Delete
          </button>
          <button
            type="button"
            className="button primary"
            onClick={onSave}
            disabled={saving}
            title={`Write the file and reload (${isMac ? '⌘S' : 'Ctrl+S'})`}
          >
            <Icon name="save" size={13} />
            {saving ? 'Saving…' : 'Save & Reload'}
            <span className="kbd">{isMac ? '⌘S' : 'Ctrl+S'}</span>
          </button>
        </div>
      </div>
      <FileGuardNotes status={status} busy={saving} onLoadAgain={onLoadAgain} />
      {failure && (
        <div className="callout err editor-failure" role="alert" data-testid="load-failure">
          <Icon name="alert" size={14} />
          <div>
            <div>
              <strong>Load failed</strong> at <span className="mono">{failureLocation(failure)}</span>:{' '}
              <span className="mono">{failure.message}</span>
            </div>
            <div className="editor-failure-note">
              {status?.generation !== null && status?.generation !== undefined
                ? `The previous version (generation ${status.generation}) keeps running until this file loads.`
                : 'No version of this file is running.'}
            </div>
          </div>
          {failure.line !== null && (
            <button
              type="button"
              className="button small"
              onClick={() => editorRef.current?.goTo(failure.line!, failure.column)}
            >
              Go to line {failure.line}
            </button>
          )}
        </div>
      )}
      <div className="editor-host">
        <Suspense fallback={<div className="view-message">Loading editor…</div>}>
          <CodeEditor
            key={`${doc.file}#${doc.version}`}
            ref={editorRef}
            value={doc.draft}
            label={`Source of ${doc.file}`}
            file={doc.file}
            onTypeStatus={setTypes}
            failure={failure}
            onChange={onChange}
            onSave={onSave}
          />
        </Suspense>
      </div>
      <div className="editor-foot">
        {commands.length > 0 ? (
          commands.map((c) => (
            <span key={c.id} className="editor-cmd" title={c.desc}>
              <code>{c.usage}</code>
            </span>
          ))
        ) : (
          <span className="dim">No command of this file is loaded.</span>
        )}
        <TypeStatusNote status={types} />
        <span className="editor-foot-hint dim">TypeScript · import the API from ‘cmdsys’</span>
      </div>
    </div>
  );
}

/** The type checker's verdict on the editor's content, in the editor's footer. */
function TypeStatusNote({ status }: { status: TypeStatus }) {
  const text =
    status.state === 'starting'
      ? 'Loading type checker…'
      : status.state === 'unavailable'
        ? 'Type checking unavailable'
        : status.errors > 0
          ? typeErrorCount(status.errors)
          : 'No type errors';
  const tone = status.state === 'checked' && status.errors > 0 ? 'tone-text-err' : 'dim';
  return (
    <span className={`type-status ${tone}`} role="status" data-testid="type-status">
      {status.state === 'checked' && status.errors > 0 && <Icon name="alert" size={12} />}
      {text}
      {status.state === 'checked' &&
        status.warnings > 0 &&
        ` · ${status.warnings} warning${status.warnings === 1 ? '' : 's'}`}
    </span>
  );
}
