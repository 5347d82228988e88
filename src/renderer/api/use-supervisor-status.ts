import { useEffect, useState } from 'react';
import type { SupervisorStatus } from '../../shared/dto/supervisor';
import { useApi } from './api-context';

/**
 * The supervisor's view of the runtime process: asked once, then kept current by the pushed
 * `supervisor` event. Null until known, and when the runtime has no supervisor to ask.
 */
export function useSupervisorStatus(): SupervisorStatus | null {
  const client = useApi();
  const [status, setStatus] = useState<SupervisorStatus | null>(null);
  useEffect(() => {
    let live = true;
    const off = client.on('supervisor', (next) => setStatus(next));
    client.call('supervisor.status', {}).then(
      (first) => live && setStatus((current) => current ?? first),
      () => undefined,
    );
    return () => {
      live = false;
      off();
    };
  }, [client]);
  return status;
}
