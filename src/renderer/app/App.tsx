import { useEffect } from 'react';
import { ApiProvider, useConnection } from '../api/api-context';
import type { PanelClient } from '../api/panel-client';
import { attachAudioFeed } from '../features/audio/audio-feed';
import { useAudioStore } from '../features/audio/audio-store';
import { attachCommandsFeed } from '../features/commands/commands-feed';
import { useCommandsStore } from '../features/commands/commands-store';
import { attachConsoleFeed } from '../features/console/console-feed';
import { useConsoleStore } from '../features/console/console-store';
import { attachLogsFeed } from '../features/logs/logs-feed';
import { useLogsStore } from '../features/logs/logs-store';
import { attachTracesFeed } from '../features/logs/traces-feed';
import { useTracesStore } from '../features/logs/traces-store';
import { attachRunningFeed } from '../features/running/running-feed';
import { useRunningStore } from '../features/running/running-store';
import { attachStatusFeed } from '../features/status/status-feed';
import { useStatusStore } from '../features/status/status-store';
import { attachMetricsFeed } from '../features/status/metrics-feed';
import { useMetricsStore } from '../features/status/metrics-store';
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
    // Feeds live as long as the app, not the view: console output, traces and invocations that
    // arrive while another view is open are there when the operator switches to it.
    const detach = [
      attachStatusFeed(client, useStatusStore),
      attachLogsFeed(client, useLogsStore),
      attachConsoleFeed(client, useConsoleStore),
      attachRunningFeed(client, useRunningStore),
      attachTracesFeed(client, useTracesStore),
      attachCommandsFeed(client, useCommandsStore),
      attachAudioFeed(client, useAudioStore),
      attachMetricsFeed(client, useMetricsStore),
    ];
    return () => detach.forEach((off) => off());
  }, [client]);
  return (
    <ApiProvider client={client}>
      <Root />
    </ApiProvider>
  );
}
