import type { ReloadReportDto } from '../../../shared/dto/commands';
import { formatClock } from '../../lib/format';
import { Icon } from '../../ui/Icon';
import { failureLocation } from './command-groups';
import type { ReportSource, ShownReport } from './commands-store';

const SOURCE_LABEL: Record<ReportSource, string> = {
  save: 'Save & Reload',
  reload: 'Reload all',
  create: 'New command',
  delete: 'Delete',
  'load-again': 'Load again',
  external: 'Reload (from outside the panel)',
  rollback: 'Rollback',
};

function Count({ label, items, tone }: { label: string; items: number; tone: string }) {
  return (
    <span className={items > 0 ? `rep-count ${tone}` : 'rep-count zero'} data-count={label}>
      <b>{items}</b> {label}
    </span>
  );
}

/** The outcome of a reload: loaded, updated, removed, failed and quarantined files, and how long it took. */
export function ReloadReport({
  shown,
  onDismiss,
  onShowFailure,
}: {
  shown: ShownReport;
  onDismiss: () => void;
  onShowFailure: (failure: ReloadReportDto['failed'][number]) => void;
}) {
  const { report } = shown;
  const ok = report.failed.length === 0;
  return (
    <div
      className={ok ? 'reload-report ok' : 'reload-report failed'}
      role="status"
      data-testid="reload-report"
    >
      <div className="rep-line">
        <Icon name={ok ? 'check' : 'alert'} size={13} />
        <span className="rep-title">
          {ok ? 'Reloaded' : 'Reload finished with failures'} in {report.ms.toFixed(1)} ms
        </span>
        <span className="rep-counts">
          <Count label="loaded" items={report.loaded.length} tone="tone-text-ok" />
          <Count label="updated" items={report.updated.length} tone="tone-text-ok" />
          <Count label="removed" items={report.removed.length} tone="tone-text-warn" />
          <Count label="failed" items={report.failed.length} tone="tone-text-err" />
          {report.quarantined.length > 0 && (
            <Count label="quarantined" items={report.quarantined.length} tone="tone-text-warn" />
          )}
          <span className="rep-count zero">
            <b>{report.unchanged}</b> unchanged
          </span>
        </span>
        <button type="button" className="icon-button" aria-label="Dismiss reload report" onClick={onDismiss}>
          <Icon name="close" size={12} />
        </button>
      </div>
      <div className="rep-files">
        {report.failed.map((f) => (
          <button
            key={`${f.file}:${f.line}:${f.column}`}
            type="button"
            className="rep-failure"
            onClick={() => onShowFailure(f)}
            title={`${f.message} — show in the editor`}
          >
            <span className="mono">{failureLocation(f)}</span> {f.message}
          </button>
        ))}
        {report.quarantined.map((q) => (
          <span key={`q${q.file}`} className="rep-file removed" title={q.message}>
            ⏸{q.file} ({q.reason})
          </span>
        ))}
        {report.loaded.map((f) => (
          <span key={`l${f}`} className="rep-file loaded">
            +{f}
          </span>
        ))}
        {report.updated.map((f) => (
          <span key={`u${f}`} className="rep-file updated">
            ~{f}
          </span>
        ))}
        {report.removed.map((f) => (
          <span key={`r${f}`} className="rep-file removed">
            −{f}
          </span>
        ))}
        <span className="rep-source">
          {SOURCE_LABEL[shown.source]} · {formatClock(shown.at).slice(0, 8)}
        </span>
      </div>
    </div>
  );
}
