import { lazy, Suspense, useEffect, useState } from 'react';
import type { HistoryEntry } from '../../../shared/dto/command-history';
import type { PanelClient } from '../../api/panel-client';
import { describeError } from '../../lib/errors';
import { Modal } from '../../ui/Modal';
import { describeVersion, savedAtText, sourceLabel } from './history-labels';

// The diff view pulls in CodeMirror's merge package: loaded when the history is opened.
const DiffPane = lazy(() => import('./DiffPane'));

type Loaded<T> = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; value: T };

/**
 * The saved versions of the open file: pick one to see how it differs from the editor's
 * content, and roll back to it (saved as the newest version and reloaded).
 */
export function HistoryDialog({
  client,
  file,
  current,
  dirty,
  busy,
  onRollback,
  onClose,
}: {
  client: PanelClient;
  file: string;
  /** The editor's content now (right side of the diff). */
  current: string;
  /** The editor has unsaved changes (a rollback drops them). */
  dirty: boolean;
  busy: boolean;
  onRollback: (entry: HistoryEntry) => void;
  onClose: () => void;
}) {
  const [versions, setVersions] = useState<Loaded<HistoryEntry[]>>({ state: 'loading' });
  const [selected, setSelected] = useState<string | null>(null);
  const [fetched, setFetched] = useState<{ id: string; content: Loaded<string> } | null>(null);

  useEffect(() => {
    let live = true;
    client.call('commands.history', { file }).then(
      ({ versions: list }) => {
        if (!live) return;
        setVersions({ state: 'ready', value: list });
        setSelected(list[0]?.id ?? null);
      },
      (err: unknown) => live && setVersions({ state: 'error', message: describeError(err) }),
    );
    return () => {
      live = false;
    };
  }, [client, file]);

  useEffect(() => {
    if (!selected) return undefined;
    let live = true;
    const id = selected;
    client.call('commands.historyVersion', { file, id }).then(
      (v) => live && setFetched({ id, content: { state: 'ready', value: v.content } }),
      (err: unknown) => live && setFetched({ id, content: { state: 'error', message: describeError(err) } }),
    );
    return () => {
      live = false;
    };
  }, [client, file, selected]);

  const list = versions.state === 'ready' ? versions.value : [];
  const content: Loaded<string> | null = !selected
    ? null
    : fetched?.id === selected
      ? fetched.content
      : { state: 'loading' };
  const entry = list.find((v) => v.id === selected) ?? null;
  const same = content?.state === 'ready' && content.value === current;

  return (
    <Modal
      title={`History of ${file}`}
      onClose={onClose}
      width={1100}
      footer={
        <>
          {dirty && entry && (
            <span className="history-note tone-text-warn">Rolling back drops your unsaved changes.</span>
          )}
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
          <button
            type="button"
            className="button primary"
            disabled={!entry || busy || content?.state !== 'ready' || (same && !dirty)}
            onClick={() => entry && onRollback(entry)}
            data-testid="history-rollback"
          >
            {busy ? 'Rolling back…' : 'Roll back to this version'}
          </button>
        </>
      }
    >
      {versions.state === 'loading' && <div className="view-message">Loading the history…</div>}
      {versions.state === 'error' && (
        <div className="callout err" role="alert">
          Could not load the history: {versions.message}
        </div>
      )}
      {versions.state === 'ready' && list.length === 0 && (
        <p className="confirm-text">
          No saved versions yet. Each Save & Reload from the panel keeps the version it wrote (and the one it
          replaced).
        </p>
      )}
      {list.length > 0 && (
        <div className="history-layout">
          <ol className="history-list" aria-label="Saved versions" data-testid="history-list">
            {list.map((v, i) => (
              <li key={v.id}>
                <button
                  type="button"
                  aria-pressed={v.id === selected}
                  onClick={() => setSelected(v.id)}
                  title={describeVersion(v, list)}
                >
                  <span className="history-time">
                    {savedAtText(v.savedAt)}
                    {i === 0 && <span className="history-tag">newest</span>}
                  </span>
                  <span className="history-meta dim">
                    {v.bytes.toLocaleString()} bytes · {sourceLabel(v, list)}
                  </span>
                </button>
              </li>
            ))}
          </ol>
          <div className="history-diff">
            {entry && (
              <div className="history-diff-head dim">
                Left: the version of {savedAtText(entry.savedAt)}. Right: the editor now
                {dirty ? ' (with unsaved changes)' : ''}.{same && ' They are the same.'}
              </div>
            )}
            {content?.state === 'loading' && <div className="view-message">Loading the version…</div>}
            {content?.state === 'error' && (
              <div className="callout err" role="alert">
                {content.message}
              </div>
            )}
            {content?.state === 'ready' && entry && (
              <Suspense fallback={<div className="view-message">Loading the diff…</div>}>
                <DiffPane
                  before={content.value}
                  after={current}
                  beforeLabel={`${file} as saved ${savedAtText(entry.savedAt)}`}
                  afterLabel={`${file} in the editor`}
                />
              </Suspense>
            )}
          </div>
        </div>
      )}
    </Modal>
  );
}
