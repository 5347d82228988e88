import './traces.css';
import { useCallback, useMemo } from 'react';
import { TRACE_OUTCOMES } from '../../../shared/dto/trace';
import { formatClock, formatCount, formatMicros } from '../../lib/format';
import { SearchInput } from '../../ui/SearchInput';
import { OutcomeBadge } from './OutcomeBadge';
import { countByOutcome, decisiveStage, filterTraces } from './trace-filter';
import { TraceDrawer } from './TraceDrawer';
import { useTracesStore } from './traces-store';

/** Pipeline traces: every message the bot saw, what became of it, and why. */
export function PipelineView() {
  const traces = useTracesStore((s) => s.traces);
  const filter = useTracesStore((s) => s.filter);
  const selectedId = useTracesStore((s) => s.selectedId);
  const loaded = useTracesStore((s) => s.loaded);
  const error = useTracesStore((s) => s.error);
  const max = useTracesStore((s) => s.maxTraces);
  const setFilter = useTracesStore((s) => s.setFilter);
  const select = useTracesStore((s) => s.select);
  const visible = useMemo(() => filterTraces(traces, filter), [traces, filter]);
  const counts = useMemo(() => countByOutcome(traces), [traces]);
  const selected = selectedId === null ? null : (traces.find((t) => t.id === selectedId) ?? null);
  const close = useCallback(() => select(null), [select]);

  return (
    <>
      <div className="toolbar" role="toolbar" aria-label="Trace filters">
        <div className="segmented" role="group" aria-label="Outcome">
          <button
            type="button"
            aria-pressed={filter.outcome === null}
            onClick={() => setFilter({ outcome: null })}
          >
            All <span className="seg-count">{traces.length}</span>
          </button>
          {TRACE_OUTCOMES.map((o) => (
            <button
              key={o}
              type="button"
              aria-pressed={filter.outcome === o}
              onClick={() => setFilter({ outcome: filter.outcome === o ? null : o })}
            >
              <span className={`outcome-dot dot-${o}`} aria-hidden="true" />
              {o} <span className="seg-count">{counts[o]}</span>
            </button>
          ))}
        </div>
        <SearchInput
          label="Filter traces"
          placeholder="Filter text, author, channel, command…"
          value={filter.text}
          onChange={(text) => setFilter({ text })}
        />
      </div>
      <div className="log-pane trace-pane">
        <div className="trace-scroll">
          {visible.length > 0 ? (
            <table className="data-table trace-table" aria-label="Pipeline traces">
              <thead>
                <tr>
                  <th>Time</th>
                  <th>Outcome</th>
                  <th>Message</th>
                  <th>Command / stopped at</th>
                  <th>Where</th>
                  <th>Author</th>
                  <th className="num">Total</th>
                </tr>
              </thead>
              <tbody>
                {visible.map((t) => {
                  const stop = t.outcome === 'invoked' || t.outcome === 'input' ? null : decisiveStage(t);
                  return (
                    <tr
                      key={t.id}
                      data-trace={t.id}
                      className={t.id === selectedId ? 'selected' : undefined}
                      tabIndex={0}
                      aria-selected={t.id === selectedId}
                      onClick={() => select(t.id === selectedId ? null : t.id)}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter' || e.key === ' ') {
                          e.preventDefault();
                          select(t.id);
                        }
                      }}
                    >
                      <td className="mono dim">{formatClock(t.time)}</td>
                      <td>
                        <OutcomeBadge outcome={t.outcome} />
                      </td>
                      <td className="mono msg" title={t.text}>
                        {t.text}
                      </td>
                      <td className={stop ? 'mono stopped' : 'mono'}>
                        {t.command ?? (stop ? `${stop.stage}${stop.step ? ` › ${stop.step}` : ''}` : '—')}
                      </td>
                      <td className="where">
                        <span className={`network-tag net-${t.network}`}>{t.network}</span>{' '}
                        <span className="mono">{t.channel}</span>
                      </td>
                      <td>{t.author}</td>
                      <td className="num mono dim">{formatMicros(t.totalMicros)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ) : (
            <div className="view-message">
              {error && traces.length === 0
                ? `Could not load traces: ${error}`
                : !loaded
                  ? 'Loading traces…'
                  : traces.length === 0
                    ? 'No messages yet. Every message the bot sees (console, Discord, IRC) leaves a trace here.'
                    : 'No trace matches the filter.'}
            </div>
          )}
        </div>
        {selected && <TraceDrawer trace={selected} onClose={close} />}
      </div>
      <footer className="statusbar">
        <span>
          {formatCount(visible.length)} of {formatCount(traces.length)} traces · keeps the newest{' '}
          {formatCount(max)}
        </span>
        <span>click a trace to see each stage</span>
      </footer>
    </>
  );
}
