import type { AuditEntry } from '../../../shared/dto/audit';
import { formatClock, formatDateTime } from '../../lib/format';

/** The entries table, newest first, with the pager for older history. */
export function AuditEntries({
  entries,
  hasOlder,
  loading,
  onOlder,
}: {
  entries: AuditEntry[];
  hasOlder: boolean;
  loading: boolean;
  onOlder: () => void;
}) {
  return (
    <section className="panel audit-entries" aria-label="Audit entries">
      <header className="panel-header">
        <h2>Entries</h2>
        <span className="panel-meta" data-testid="audit-count">
          {entries.length} shown{hasOlder ? ', more in history' : ''}
        </span>
      </header>
      {entries.length === 0 ? (
        <div className="panel-empty">{loading ? 'Loading…' : 'No entries match.'}</div>
      ) : (
        <div className="audit-table-wrap">
          <table className="data-table audit-table">
            <thead>
              <tr>
                <th>Time</th>
                <th>Actor</th>
                <th>Command</th>
                <th>Message</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} data-entry={e.id}>
                  <td className="mono dim" title={new Date(e.time).toISOString()}>
                    {formatClock(e.time).slice(0, 8)}
                    <span className="audit-sub">{formatDateTime(e.time).slice(0, 10)}</span>
                  </td>
                  <td title={`id ${e.actorId}`}>
                    {e.actorName}
                    <span className="audit-sub">in {e.channel}</span>
                  </td>
                  <td className="mono">{e.command}</td>
                  <td className="audit-message">{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="audit-pager">
        {hasOlder ? (
          <button type="button" className="button" onClick={onOlder} disabled={loading}>
            Load older entries
          </button>
        ) : (
          entries.length > 0 && <span className="dim">Start of the stored history.</span>
        )}
      </div>
    </section>
  );
}
