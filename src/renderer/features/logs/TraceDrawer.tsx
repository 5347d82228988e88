import { useEffect } from 'react';
import type { TraceDto } from '../../../shared/dto/trace';
import { formatDateTime, formatMicros } from '../../lib/format';
import { CopyButton } from '../../ui/CopyButton';
import { Icon } from '../../ui/Icon';
import { OutcomeBadge } from './OutcomeBadge';
import { decisiveStage, explainTrace } from './trace-filter';
import { errorLogHref, splitErrorIds } from '../../lib/log-links';

type Stage = TraceDto['stages'][number];

/** A stage's step; an error stage's `error id …` links to the log line with the details. */
function StepLabel({ step }: { step: string }) {
  const parts = splitErrorIds(step);
  return (
    <span className="stage-step">
      {parts.map((part, i) =>
        typeof part === 'string' ? (
          part
        ) : (
          <a key={i} href={errorLogHref(part.errorId)} title="Show the log entry">
            error id {part.errorId}
          </a>
        ),
      )}
    </span>
  );
}

function StageRow({ stage, index, decisive }: { stage: Stage; index: number; decisive: boolean }) {
  const changed = stage.output !== null && stage.output !== stage.input;
  const cls = ['stage', stage.abort !== null ? 'aborted' : '', decisive ? 'decisive' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <li className={cls} data-stage={stage.stage} data-step={stage.step ?? undefined}>
      <div className="stage-head">
        <span className="stage-index">{index + 1}</span>
        <span className="stage-name">{stage.stage}</span>
        {stage.step && <StepLabel step={stage.step} />}
        <span className="stage-micros">{formatMicros(stage.micros)}</span>
      </div>
      <div className="stage-body">
        <div className="stage-io">
          <span className="io-label">in</span>
          <code className="io-value">{stage.input}</code>
        </div>
        {stage.abort !== null ? (
          <div className="stage-abort" role="note">
            <Icon name="alert" size={12} />
            <span>
              <b>aborted:</b> {stage.abort}
            </span>
          </div>
        ) : (
          <div className={changed ? 'stage-io changed' : 'stage-io'}>
            <span className="io-label">out</span>
            {stage.output === null ? (
              <span className="io-value dim">—</span>
            ) : changed ? (
              <code className="io-value">{stage.output}</code>
            ) : (
              <span className="io-value dim">unchanged</span>
            )}
          </div>
        )}
      </div>
    </li>
  );
}

/** Every stage of one trace: what it got, what it passed on or why it stopped, how long it took. */
export function TraceDrawer({ trace, onClose }: { trace: TraceDto; onClose: () => void }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  const decisive = decisiveStage(trace);
  const tone =
    trace.outcome === 'invoked' || trace.outcome === 'input'
      ? 'ok'
      : trace.outcome === 'failed'
        ? 'err'
        : trace.outcome === 'rejected'
          ? 'warn'
          : 'idle';
  return (
    <aside className="trace-drawer" aria-label={`Trace ${trace.id}`}>
      <header className="drawer-header">
        <OutcomeBadge outcome={trace.outcome} />
        <h2>Trace #{trace.id}</h2>
        <span className="dim mono">{formatMicros(trace.totalMicros)}</span>
        <div className="drawer-actions">
          <CopyButton text={JSON.stringify(trace, null, 2)} label="trace as JSON" />
          <button type="button" className="icon-button" aria-label="Close trace" onClick={onClose}>
            <Icon name="close" size={14} />
          </button>
        </div>
      </header>
      <div className="drawer-body">
        <div className={`trace-why why-${tone}`} data-testid="trace-why">
          {explainTrace(trace)}
        </div>
        <dl className="trace-meta">
          <dt>Time</dt>
          <dd className="mono">{formatDateTime(trace.time)}</dd>
          <dt>Where</dt>
          <dd>
            <span className={`network-tag net-${trace.network}`}>{trace.network}</span>{' '}
            <span className="mono">{trace.channel}</span>
            {trace.private && <span className="dim"> (private)</span>}
            <span className="dim"> · adapter {trace.adapterId}</span>
          </dd>
          <dt>Author</dt>
          <dd>{trace.author}</dd>
          <dt>Message</dt>
          <dd>
            <code className="trace-text">{trace.text}</code>
          </dd>
          {trace.command !== null && (
            <>
              <dt>Command</dt>
              <dd className="mono">
                {trace.command}
                {trace.invocationId !== null && <span className="dim"> · #{trace.invocationId}</span>}
              </dd>
            </>
          )}
        </dl>
        <h3 className="stages-title">
          Stages <span className="dim">({trace.stages.length})</span>
        </h3>
        <ol className="stages">
          {trace.stages.map((stage, i) => (
            <StageRow key={i} stage={stage} index={i} decisive={stage === decisive} />
          ))}
        </ol>
      </div>
    </aside>
  );
}
