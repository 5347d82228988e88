import { useEffect } from 'react';
import { ApiProvider, useConnection } from '../api/api-context';
import type { PanelClient } from '../api/panel-client';
import { attachLogsFeed } from '../features/logs/logs-feed';
import { useLogsStore } from '../features/logs/logs-store';
import { attachStatusFeed } from '../features/status/status-feed';
import { useStatusStore } from '../features/status/status-store';
import { AppShell } from './AppShell';
import { TokenScreen } from './TokenScreen';

function Root() {
  const connection = useConnection();
  if (connection.state === 'unauthorized') return <TokenScreen reason={connection.reason} />;
  return <AppShell />;
}

/** The panel: wires the client into the stores for as long as it is mounted. */
export function App({ client }: { client: PanelClient }) {
  useEffect(() => {
    if (client.connection().state === 'unauthorized') return undefined;
    const detach = [attachStatusFeed(client, useStatusStore), attachLogsFeed(client, useLogsStore)];
    return () => detach.forEach((off) => off());
  }, [client]);
  return (
    <ApiProvider client={client}>
      <Root />
    </ApiProvider>
  );
}
