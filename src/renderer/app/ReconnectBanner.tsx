import type { ConnectionStatus } from '../api/panel-client';

/** A thin warning under the header while the event stream is down: data may be stale. */
export function ReconnectBanner({ status }: { status: ConnectionStatus }) {
  if (status.state !== 'reconnecting') return null;
  return (
    <div className="banner warn" role="status">
      Lost the connection to the runtime — reconnecting. What is shown may be out of date; logs catch up once
      the connection is back.
    </div>
  );
}
