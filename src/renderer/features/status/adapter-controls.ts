import { useCallback, useState } from 'react';
import type { PanelClient } from '../../api/panel-client';
import type { AdapterStatus } from '../../../shared/dto/status';
import { describeError } from '../../lib/errors';
import type { StatusStore } from './status-store';

export type AdapterAction = 'connect' | 'disconnect';

/** What a row's button does in the adapter's current state; null: no button (the console). */
export function actionFor(adapter: AdapterStatus): AdapterAction | null {
  if (adapter.network === 'console') return null;
  return adapter.state === 'stopped' || adapter.state === 'error' ? 'connect' : 'disconnect';
}

/**
 * Runs `adapters.connect` / `adapters.disconnect`: the answer is the new Status, written into the
 * store at once (the `status` events that follow keep it live). Rejects with the runtime's error.
 */
export async function runAdapterAction(
  client: PanelClient,
  store: StatusStore,
  id: string,
  action: AdapterAction,
): Promise<void> {
  const status = await client.call(action === 'connect' ? 'adapters.connect' : 'adapters.disconnect', { id });
  store.getState().setStatus(status);
}

export interface AdapterControls {
  /** The action in flight per adapter id. */
  pending: ReadonlyMap<string, AdapterAction>;
  /** The last failed action per adapter id, as one line for the operator. */
  errors: ReadonlyMap<string, string>;
  run(id: string, action: AdapterAction): Promise<void>;
  dismiss(id: string): void;
}

function without<V>(map: ReadonlyMap<string, V>, key: string): ReadonlyMap<string, V> {
  if (!map.has(key)) return map;
  const next = new Map(map);
  next.delete(key);
  return next;
}

/** Pending state and errors of the adapters table's Connect / Disconnect buttons. */
export function useAdapterControls(client: PanelClient, store: StatusStore): AdapterControls {
  const [pending, setPending] = useState<ReadonlyMap<string, AdapterAction>>(new Map());
  const [errors, setErrors] = useState<ReadonlyMap<string, string>>(new Map());
  const run = useCallback(
    async (id: string, action: AdapterAction): Promise<void> => {
      setPending((p) => new Map(p).set(id, action));
      setErrors((e) => without(e, id));
      try {
        await runAdapterAction(client, store, id, action);
      } catch (err) {
        const verb = action === 'connect' ? 'Connect' : 'Disconnect';
        setErrors((e) => new Map(e).set(id, `${verb} failed: ${describeError(err)}`));
      } finally {
        setPending((p) => without(p, id));
      }
    },
    [client, store],
  );
  const dismiss = useCallback((id: string) => setErrors((e) => without(e, id)), []);
  return { pending, errors, run, dismiss };
}
