import type { ConnectionStatus } from '../api/panel-client';
import { useNow } from '../lib/use-now';

const LABEL: Record<ConnectionStatus['state'], string> = {
  connecting: 'Connecting…',
  connected: 'Live',
  reconnecting: 'Reconnecting',
  unauthorized: 'Not authorised',
};

/** Header indicator of the event stream: live, connecting, or reconnecting with a countdown. */
export function ConnectionIndicator({ status, mode }: { status: ConnectionStatus; mode: string }) {
  const now = useNow(500, status.state === 'reconnecting');
  const retryIn =
    status.state === 'reconnecting' && status.nextRetryAt !== null
      ? Math.max(0, Math.ceil((status.nextRetryAt - now) / 1000))
      : null;
  const title =
    status.state === 'connected'
      ? `Receiving live events (${mode === 'electron' ? 'IPC' : 'WebSocket'})`
      : status.state === 'reconnecting'
        ? `Event stream lost; attempt ${status.attempt}`
        : LABEL[status.state];
  return (
    <span className={`conn conn-${status.state}`} title={title} data-testid="connection" role="status">
      <span className="conn-dot" aria-hidden="true" />
      {LABEL[status.state]}
      {retryIn !== null && (
        <span className="conn-retry">{retryIn > 0 ? ` · retry in ${retryIn}s` : ' · now'}</span>
      )}
    </span>
  );
}
