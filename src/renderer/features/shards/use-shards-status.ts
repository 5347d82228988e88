import { useCallback, useEffect, useState } from 'react';
import type { ShardsStatus } from '../../../shared/dto/shards';
import { useApi } from '../../api/api-context';
import { describeError } from '../../lib/errors';

const POLL_MS = 2_000;

/** Polls `shards.status` while mounted (clusters report every 2 s); `refresh` asks at once. */
export function useShardsStatus(): { status: ShardsStatus | null; error: string | null; refresh(): void } {
  const client = useApi();
  const [state, setState] = useState<{ status: ShardsStatus | null; error: string | null }>({
    status: null,
    error: null,
  });
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((t) => t + 1), []);
  useEffect(() => {
    let live = true;
    const poll = (): void => {
      client.call('shards.status', {}).then(
        (status) => live && setState({ status, error: null }),
        (err: unknown) => live && setState((s) => ({ status: s.status, error: describeError(err) })),
      );
    };
    poll();
    const timer = setInterval(poll, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [client, tick]);
  return { ...state, refresh };
}
