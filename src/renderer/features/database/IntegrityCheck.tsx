import { useState } from 'react';
import type { IntegrityReportDto } from '../../../shared/dto/database-integrity';
import { useApi } from '../../api/api-context';
import { describeError } from '../../lib/errors';
import { Icon } from '../../ui/Icon';

type CheckState =
  | { kind: 'idle' }
  | { kind: 'running'; db: string }
  | { kind: 'done'; report: IntegrityReportDto }
  | { kind: 'failed'; db: string; message: string };

/**
 * "Check integrity" for the chosen database (`database.integrityCheck`), with its answer shown
 * under the header: ok, or the problems found (the database then refuses writes).
 */
export function IntegrityCheck({ db }: { db: string | null }) {
  const api = useApi();
  const [stored, setState] = useState<CheckState>({ kind: 'idle' });
  // an answer belongs to the database it was run on: another database chosen hides it
  const about = stored.kind === 'idle' ? null : stored.kind === 'done' ? stored.report.db : stored.db;
  const state: CheckState = about === db ? stored : { kind: 'idle' };

  const run = async (target: string): Promise<void> => {
    setState({ kind: 'running', db: target });
    try {
      const report = await api.call('database.integrityCheck', { db: target });
      setState((s) => (s.kind === 'running' && s.db === target ? { kind: 'done', report } : s));
    } catch (err) {
      const message = describeError(err);
      setState((s) =>
        s.kind === 'running' && s.db === target ? { kind: 'failed', db: target, message } : s,
      );
    }
  };

  return (
    <>
      <button
        type="button"
        className="button"
        disabled={db === null || state.kind === 'running'}
        onClick={() => db !== null && void run(db)}
      >
        <Icon name="database" size={13} />
        {state.kind === 'running' ? 'Checking…' : 'Check integrity'}
      </button>
      {state.kind === 'done' && (
        <div
          role="status"
          className={state.report.ok ? 'callout db-integrity' : 'callout warn db-integrity'}
          data-testid="db-integrity"
        >
          {state.report.ok ? (
            `${state.report.db}: integrity check ok (${Math.round(state.report.ms)} ms)`
          ) : (
            <>
              {state.report.db}: the file is damaged; it accepts no more writes until repaired or moved away.
              <ul>
                {state.report.problems.map((p, i) => (
                  <li key={i}>{p}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {state.kind === 'failed' && (
        <div role="status" className="callout warn db-integrity" data-testid="db-integrity">
          {state.db}: the integrity check failed: {state.message}
        </div>
      )}
    </>
  );
}
