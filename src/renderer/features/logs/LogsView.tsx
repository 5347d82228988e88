import './logs.css';
import { formatCount } from '../../lib/format';
import { useHashSegment } from '../../lib/hash-route';
import { Icon } from '../../ui/Icon';
import { ViewHeader } from '../../ui/ViewHeader';
import { useMemo } from 'react';
import { useApi } from '../../api/api-context';
import { isFilterActive, NO_FILTER } from './log-filter';
import { LogDrawer } from './LogDrawer';
import { LogList } from './LogList';
import { loadOlderLogs } from './logs-feed';
import { useLogsStore, type LogsState } from './logs-store';
import { LogsToolbar } from './LogsToolbar';
import { PipelineView } from './PipelineView';
import { useTracesStore } from './traces-store';
import { useFindInLogs } from './use-find-in-logs';

function LogsMessage() {
  const loaded = useLogsStore((s) => s.loaded);
  const loadError = useLogsStore((s) => s.loadError);
  const total = useLogsStore((s) => s.entries.length);
  const setMinLevel = useLogsStore((s) => s.setMinLevel);
  const setText = useLogsStore((s) => s.setText);
  const setRange = useLogsStore((s) => s.setRange);
  if (loadError && total === 0)
    return <div className="view-message error">Could not load logs: {loadError}</div>;
  if (!loaded) return <div className="view-message">Loading log tail…</div>;
  if (total === 0)
    return <div className="view-message">No log lines yet. New lines appear here as they are written.</div>;
  return (
    <div className="view-message">
      No line matches the filter ({formatCount(total)} hidden).{' '}
      <button
        type="button"
        className="link-button"
        onClick={() => {
          setMinLevel(NO_FILTER.minLevel);
          setText(NO_FILTER.text);
          setRange(null, null);
        }}
      >
        Reset filter
      </button>
    </div>
  );
}

function LinesCount() {
  const visible = useLogsStore((s) => s.visible.length);
  const total = useLogsStore((s) => s.entries.length);
  const older = useLogsStore((s) => s.history.entries.length);
  const filtered = useLogsStore((s) => isFilterActive(s.filter));
  const live = filtered
    ? `${formatCount(visible)} of ${formatCount(total)} lines match`
    : `${formatCount(total)} lines`;
  return <span data-testid="log-counts">{older > 0 ? `${live} · ${formatCount(older)} older` : live}</span>;
}

function TracesCount() {
  const total = useTracesStore((s) => s.traces.length);
  return <span data-testid="trace-counts">{`${formatCount(total)} traces`}</span>;
}

/** The entry shown in the drawer, from the live lines or the loaded history. */
function selectedEntry(s: LogsState) {
  if (s.selected === null) return null;
  const find = (list: readonly { seq: number }[]) => list.find((e) => e.seq === s.selected);
  return (find(s.visible) ?? find(s.history.entries) ?? null) as LogsState['visible'][number] | null;
}

function HistoryStatus({ onLoad }: { onLoad: () => void }) {
  const h = useLogsStore((s) => s.history);
  const filtering = useLogsStore((s) => s.filtering);
  let text: string;
  if (h.loading) text = 'Loading older lines…';
  else if (h.error) text = `Older lines: ${h.error}`;
  else if (h.full) text = `${formatCount(h.entries.length)} older lines loaded (most kept); export for all`;
  else if (h.next === null)
    text = h.entries.length ? `All ${formatCount(h.entries.length)} older lines loaded` : 'No older lines';
  else
    text = h.entries.length
      ? `${formatCount(h.entries.length)} older lines loaded`
      : 'Scroll up for older lines';
  return (
    <span className="log-history-status" data-testid="log-history">
      {filtering && <span className="dim">filtering… </span>}
      <span className={h.error ? 'tone-text-err' : undefined}>{text}</span>
      {h.gap && (
        <span className="tone-text-warn"> · lines between them and the live ones were dropped (limit)</span>
      )}
      {h.next !== null && !h.full && !h.loading && (
        <>
          {' '}
          <button type="button" className="link-button" onClick={onLoad}>
            Load older
          </button>
        </>
      )}
    </span>
  );
}

function LinesView() {
  const client = useApi();
  const visible = useLogsStore((s) => s.visible);
  const history = useLogsStore((s) => s.history.entries);
  const total = useLogsStore((s) => s.entries.length);
  const max = useLogsStore((s) => s.maxEntries);
  const lastSeq = useLogsStore((s) => s.lastSeq);
  const follow = useLogsStore((s) => s.follow);
  const unseen = useLogsStore((s) => s.unseen);
  const setFollow = useLogsStore((s) => s.setFollow);
  const loadError = useLogsStore((s) => s.loadError);
  const selected = useLogsStore(selectedEntry);
  const select = useLogsStore((s) => s.select);
  const shown = useMemo(() => (history.length ? history.concat(visible) : visible), [history, visible]);
  // what the list was last rendered for (the log bench waits for it to measure filter latency)
  const filterText = useLogsStore((s) => s.filter.text);
  const loadOlder = (): void => void loadOlderLogs(client, useLogsStore);
  useFindInLogs();

  return (
    <>
      <LogsToolbar />
      <div className="log-pane" data-filter={filterText}>
        <div className="log-header" aria-hidden="true">
          <span className="log-chevron-space" />
          <span className="log-time">Time</span>
          <span className="log-level">Level</span>
          <span className="log-name">Logger</span>
          <span className="log-msg">Message</span>
        </div>
        {shown.length > 0 ? <LogList entries={shown} onNearTop={loadOlder} /> : <LogsMessage />}
        {!follow && unseen > 0 && (
          <button type="button" className="new-lines" onClick={() => setFollow(true)}>
            <Icon name="follow" size={12} />
            {formatCount(unseen)} new {unseen === 1 ? 'line' : 'lines'}
          </button>
        )}
        {selected && <LogDrawer entry={selected} onClose={() => select(null)} />}
      </div>
      <footer className="statusbar">
        <HistoryStatus onLoad={loadOlder} />
        <span>
          Keeps the newest {formatCount(max)} lines{total >= max ? ' (full: oldest dropped)' : ''}
        </span>
        {loadError && total > 0 && <span className="tone-text-err">catch-up failed: {loadError}</span>}
        <span>last seq {lastSeq >= 0 ? lastSeq : '—'}</span>
      </footer>
    </>
  );
}

/** Logs: the runtime's log lines, and (second tab, `#/logs/pipeline`) the pipeline traces. */
export function LogsView() {
  const tab = useHashSegment(1) === 'pipeline' ? 'pipeline' : 'lines';
  return (
    <section className="view" aria-label="Logs">
      <ViewHeader title="Logs" subtitle={tab === 'lines' ? <LinesCount /> : <TracesCount />}>
        <nav className="segmented view-tabs" aria-label="Logs mode">
          <a href="#/logs" aria-current={tab === 'lines' ? 'page' : undefined}>
            <Icon name="logs" size={13} />
            Lines
          </a>
          <a href="#/logs/pipeline" aria-current={tab === 'pipeline' ? 'page' : undefined}>
            <Icon name="pipeline" size={13} />
            Pipeline
          </a>
        </nav>
      </ViewHeader>
      {tab === 'lines' ? <LinesView /> : <PipelineView />}
    </section>
  );
}
