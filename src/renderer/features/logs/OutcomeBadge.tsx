import type { TraceOutcome } from './trace-filter';

export const OUTCOME_TONE: Record<TraceOutcome, string> = {
  invoked: 'tone-ok',
  input: 'tone-accent',
  ignored: 'tone-idle',
  rejected: 'tone-warn',
  failed: 'tone-err',
};

/** What became of a message: invoked, input, ignored, rejected or failed. */
export function OutcomeBadge({ outcome }: { outcome: TraceOutcome }) {
  return (
    <span className={`badge outcome ${OUTCOME_TONE[outcome]}`} data-outcome={outcome}>
      {outcome}
    </span>
  );
}
