import { useEffect, useState } from 'react';
import type { FinishedInvocation } from '../../../shared/dto/running';
import { useApi } from '../../api/api-context';
import { describeError } from '../../lib/errors';
import { formatDuration, formatSince } from '../../lib/format';
import { errorLogHref } from '../../lib/log-links';
import { useNow } from '../../lib/use-now';
import { useRunningStore } from './running-store';

/** Newest invocations that ended, shown below the running ones. */
export const HISTORY_SHOWN = 50;

const OUTCOME_TONE: Record<FinishedInvocation['outcome'], string> = {
  finished: 'tone-ok',
  failed: 'tone-err',
  cancelled: 'tone-warn',
};

/** Short runs in ms or seconds; long ones as a clock duration. */
export function formatTook(ms: number): string {
  if (ms < 1_000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  return formatDuration(ms);
}

/**
 * The history of finished invocations (kept by the runtime, `invocations.history`), re-read
 * whenever the running list changes: something may just have ended.
 */
export function RunningHistory() {
  const client = useApi();
  const running = useRunningStore((s) => s.invocations);
  const [items, setItems] = useState<FinishedInvocation[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const now = useNow(5_000);
  useEffect(() => {
    let live = true;
    client.call('invocations.history', { limit: HISTORY_SHOWN }).then(
      ({ invocations }) => {
        if (!live) return;
        setItems([...invocations].reverse()); // newest first
        setError(null);
      },
      (err: unknown) => live && setError(describeError(err)),
    );
    return () => {
      live = false;
    };
  }, [client, running]);

  return (
    <section className="panel running-panel running-history" aria-labelledby="running-history-title">
      <header className="panel-header">
        <h2 id="running-history-title">Finished</h2>
        <span className="panel-meta">{items ? `newest ${items.length}` : ''}</span>
      </header>
      {error && <div className="callout warn">Could not load the history: {error}</div>}
      {items && items.length > 0 ? (
        <div className="history-scroll" tabIndex={0}>
          <table className="data-table running-table" aria-label="Finished invocations">
            <thead>
              <tr>
                <th className="num">Id</th>
                <th>Command</th>
                <th>Outcome</th>
                <th>Author</th>
                <th>Channel</th>
                <th>Ended</th>
                <th className="num">Took</th>
                <th>Details</th>
              </tr>
            </thead>
            <tbody>
              {items.map((inv) => (
                <tr key={inv.id} data-finished={inv.id}>
                  <td className="mono dim num">#{inv.id}</td>
                  <td className="strong mono" title={inv.text}>
                    {inv.command}
                  </td>
                  <td>
                    <span className={`badge ${OUTCOME_TONE[inv.outcome]}`}>{inv.outcome}</span>
                  </td>
                  <td className="clip" title={inv.author}>
                    {inv.author}
                  </td>
                  <td className="clip" title={inv.guild ? `${inv.guild} / ${inv.channel}` : inv.channel}>
                    {inv.channel}
                  </td>
                  <td className="mono dim">{formatSince(inv.startedAt + inv.ms, now)}</td>
                  <td className="mono num">{formatTook(inv.ms)}</td>
                  <td className="mono history-detail" title={inv.detail ?? undefined}>
                    {/* the link first: a long message is cut off, the way to its log entry is not */}
                    {inv.errorId && (
                      <a href={errorLogHref(inv.errorId)} title="Show the log entry">
                        error id {inv.errorId}
                      </a>
                    )}
                    {inv.detail && <span className="history-detail-text">{inv.detail}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div className="panel-empty">{items ? 'Nothing has finished yet.' : 'Loading…'}</div>
      )}
    </section>
  );
}
