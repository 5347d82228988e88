import type { AdapterState, BotState } from '../../../shared/dto/status';

const TONE: Record<BotState | AdapterState, 'ok' | 'warn' | 'err' | 'idle'> = {
  running: 'ok',
  connected: 'ok',
  starting: 'warn',
  connecting: 'warn',
  reconnecting: 'warn',
  stopping: 'warn',
  stopped: 'idle',
  failed: 'err',
  error: 'err',
};

/** A coloured state pill: green when healthy, amber in transition, red on failure. */
export function StateBadge({ state, testId }: { state: BotState | AdapterState; testId?: string }) {
  return (
    <span className={`state-badge tone-${TONE[state]}`} data-testid={testId}>
      <span className="state-dot" aria-hidden="true" />
      {state}
    </span>
  );
}
