import { Play, RotateCw, Square } from 'lucide-react';
import { useState } from 'react';
import { useApi } from '../../api/api-context';
import { useSupervisorStatus } from '../../api/use-supervisor-status';
import { describeError } from '../../lib/errors';
import { restartRuntime, startBot, stopBot } from './bot-actions';
import { useStatusStore } from './status-store';

type Action = 'stop' | 'start' | 'restart';

/**
 * Stop / Start (the network adapters go offline / online; the runtime, console and panel stay)
 * and Restart (the supervisor starts a new runtime; the panel reconnects by itself).
 */
export function BotControls() {
  const client = useApi();
  const status = useStatusStore((s) => s.status);
  const supervisor = useSupervisorStatus();
  const [pending, setPending] = useState<Action | null>(null);
  const [error, setError] = useState<string | null>(null);
  const networks = status?.adapters.filter((a) => a.network !== 'console') ?? [];
  const anyOnline = networks.some((a) => a.state !== 'stopped' && a.state !== 'error');
  const anyOffline = networks.some((a) => a.state === 'stopped' || a.state === 'error');
  const restarting = supervisor !== null && supervisor.state !== 'running';

  const run = async (action: Action): Promise<void> => {
    setPending(action);
    setError(null);
    try {
      if (action === 'stop') await stopBot(client, useStatusStore);
      else if (action === 'start') await startBot(client, useStatusStore);
      else await restartRuntime(client);
    } catch (err) {
      const verb = { stop: 'Stop', start: 'Start', restart: 'Restart' }[action];
      setError(`${verb} failed: ${describeError(err)}`);
    } finally {
      setPending(null);
    }
  };

  return (
    <div className="bot-controls">
      <button
        type="button"
        className="button small"
        disabled={pending !== null || !anyOnline}
        title="Take every network adapter offline; the console and panel keep working"
        onClick={() => void run('stop')}
      >
        <Square size={13} aria-hidden="true" />
        {pending === 'stop' ? 'Stopping…' : 'Stop bot'}
      </button>
      <button
        type="button"
        className="button small"
        disabled={pending !== null || !anyOffline}
        title="Bring every stopped network adapter online"
        onClick={() => void run('start')}
      >
        <Play size={13} aria-hidden="true" />
        {pending === 'start' ? 'Starting…' : 'Start bot'}
      </button>
      <button
        type="button"
        className="button small"
        disabled={pending !== null || restarting}
        title="Stop the runtime in order and start a new one (running commands are cancelled)"
        onClick={() => void run('restart')}
      >
        <RotateCw size={13} aria-hidden="true" />
        {pending === 'restart' || restarting ? 'Restarting…' : 'Restart runtime'}
      </button>
      {error && (
        <div className="bot-controls-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
