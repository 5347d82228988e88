import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { ConnectionStatus, PanelClient } from './panel-client';

const ApiContext = createContext<PanelClient | null>(null);

export function ApiProvider({ client, children }: { client: PanelClient; children: ReactNode }) {
  return <ApiContext.Provider value={client}>{children}</ApiContext.Provider>;
}

export function useApi(): PanelClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useApi() outside <ApiProvider>');
  return client;
}

/** The transport's connection state, re-rendering on every change. */
export function useConnection(): ConnectionStatus {
  const client = useApi();
  return useSyncExternalStore(
    (notify) => client.onConnection(notify),
    () => client.connection(),
  );
}
