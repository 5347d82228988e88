import './running.css';
import { useState } from 'react';
import type { InvocationDto } from '../../../shared/dto/commands';
import { useApi } from '../../api/api-context';
import { describeError } from '../../lib/errors';
import { formatDuration, formatSince } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { Icon } from '../../ui/Icon';
import { ViewHeader } from '../../ui/ViewHeader';
import { InvocationStateBadge } from './InvocationStateBadge';
import { RunningHistory } from './RunningHistory';
import { useCancelToasts } from './use-cancel-toasts';
import { useRunningStore } from './running-store';

const NETWORK_LABEL: Record<InvocationDto['network'], string> = {
  console: 'Console',
  discord: 'Discord',
  irc: 'IRC',
};

function InvocationRow({
  inv,
  now,
  pending,
  error,
  onCancel,
}: {
  inv: InvocationDto;
  now: number;
  pending: boolean;
  error: string | undefined;
  onCancel: (id: number) => void;
}) {
  const cancelling = inv.state === 'cancelling';
  return (
    <tr data-invocation={inv.id} className={cancelling ? 'row-cancelling' : undefined}>
      <td className="mono dim num">#{inv.id}</td>
      <td className="strong mono">{inv.command}</td>
      <td>
        <InvocationStateBadge state={inv.state} />
      </td>
      <td>
        <span className={`network-tag net-${inv.network}`} title={inv.adapterId}>
          {NETWORK_LABEL[inv.network]}
        </span>
      </td>
      <td className="clip" title={inv.author}>
        {inv.author}
      </td>
      <td className="clip" title={inv.guild ? `${inv.guild} / ${inv.channel}` : inv.channel}>
        {inv.guild && inv.guild !== inv.channel && <span className="dim">{inv.guild} / </span>}
        {inv.channel}
      </td>
      <td className="mono dim">{formatSince(inv.startedAt, now)}</td>
      <td className="mono num elapsed" data-testid="elapsed">
        {formatDuration(now - inv.startedAt)}
      </td>
      <td className="mono text-cell" title={inv.text}>
        {inv.text}
      </td>
      <td className="actions">
        {error && (
          <span className="field-error" title={error}>
            {error}
          </span>
        )}
        <button
          type="button"
          className="button small danger"
          onClick={() => onCancel(inv.id)}
          disabled={pending || cancelling}
          aria-label={`Cancel #${inv.id} ${inv.command}`}
        >
          <Icon name="stop" size={11} />
          {cancelling ? 'Cancelling…' : 'Cancel'}
        </button>
      </td>
    </tr>
  );
}

/** Live list of running invocations with their elapsed time, each cancellable. */
export function RunningView() {
  const api = useApi();
  const invocations = useRunningStore((s) => s.invocations);
  const loaded = useRunningStore((s) => s.loaded);
  const loadError = useRunningStore((s) => s.error);
  const now = useNow(1000, invocations.length > 0);
  const [pending, setPending] = useState<ReadonlySet<number>>(new Set());
  const [errors, setErrors] = useState<ReadonlyMap<number, string>>(new Map());

  const cancelToasts = useCancelToasts(invocations);

  const cancel = async (id: number): Promise<void> => {
    setPending((p) => new Set(p).add(id));
    setErrors((e) => {
      const next = new Map(e);
      next.delete(id);
      return next;
    });
    try {
      const { cancelled } = await api.call('invocations.cancel', { id });
      if (!cancelled) setErrors((e) => new Map(e).set(id, 'already finished'));
      const target = useRunningStore.getState().invocations.find((i) => i.id === id);
      if (cancelled && target) cancelToasts.watch(target);
    } catch (err) {
      setErrors((e) => new Map(e).set(id, describeError(err)));
    } finally {
      setPending((p) => {
        const next = new Set(p);
        next.delete(id);
        return next;
      });
    }
  };

  const looping = invocations.filter((i) => i.state === 'looping').length;
  const waiting = invocations.filter((i) => i.state === 'awaiting_input').length;
  return (
    <section className="view" aria-label="Running">
      <ViewHeader
        title="Running"
        subtitle={
          <span data-testid="running-count">
            {invocations.length === 0
              ? 'Nothing running'
              : `${invocations.length} running${looping ? ` · ${looping} looping` : ''}${waiting ? ` · ${waiting} awaiting input` : ''}`}
          </span>
        }
      />
      <div className="view-body scroll">
        {loadError && <div className="callout warn">Could not load the running invocations: {loadError}</div>}
        <section className="panel running-panel">
          {invocations.length > 0 ? (
            <table className="data-table running-table" aria-label="Running invocations">
              <thead>
                <tr>
                  <th className="num">Id</th>
                  <th>Command</th>
                  <th>State</th>
                  <th>Network</th>
                  <th>Author</th>
                  <th>Channel</th>
                  <th>Started</th>
                  <th className="num">Elapsed</th>
                  <th>Message</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {invocations.map((inv) => (
                  <InvocationRow
                    key={inv.id}
                    inv={inv}
                    now={now}
                    pending={pending.has(inv.id)}
                    error={errors.get(inv.id)}
                    onCancel={(id) => void cancel(id)}
                  />
                ))}
              </tbody>
            </table>
          ) : (
            <div className="running-empty">
              <Icon name="running" size={22} />
              <div>
                <div className="running-empty-title">{loaded ? 'No command is running' : 'Loading…'}</div>
                <div className="dim">
                  Long-running commands appear here while they run, loop or wait for input — try{' '}
                  <code>countdown 30</code> in the <a href="#/console">Console</a>.
                </div>
              </div>
            </div>
          )}
        </section>
        <RunningHistory />
        <div className="toasts" role="status" aria-live="polite">
          {cancelToasts.toasts.map((t) => (
            <div key={t.id} className="toast">
              <span>{t.text}</span>
              <button
                type="button"
                className="icon-button"
                aria-label="Dismiss"
                onClick={() => cancelToasts.dismiss(t.id)}
              >
                <Icon name="close" size={12} />
              </button>
            </div>
          ))}
        </div>
        <p className="running-note">
          Cancel stops an invocation the way <code>cancel &lt;id&gt;</code> does: the command gets its{' '}
          <code>onTerm</code> call and its clean-up runs.
        </p>
      </div>
    </section>
  );
}
