import { useState } from 'react';
import type { SupervisorStatus } from '../../shared/dto/supervisor';
import { useSupervisorStatus } from '../api/use-supervisor-status';

/** Where the last restart came from, in a few words. */
function culpritText(status: SupervisorStatus): string {
  const culprit = status.lastRestart?.culprit;
  if (!culprit) return '';
  const what = culprit.command
    ? ` (${culprit.command}${culprit.invocationId !== null ? ` #${culprit.invocationId}` : ''})`
    : '';
  return ` Culprit: ${culprit.file}${what}${status.lastRestart?.quarantined ? ', quarantined' : ''}.`;
}

/**
 * The runtime process as the supervisor sees it: a banner while it restarts, an error when the
 * supervisor gave up, and a dismissable note after a restart (why, and which file was to blame).
 */
export function RuntimeBanner() {
  const status = useSupervisorStatus();
  const [dismissed, setDismissed] = useState<string | null>(null);
  if (!status) return null;
  if (status.state === 'restarting' || (status.state === 'starting' && status.restarts > 0))
    return (
      <div className="banner warn" role="status">
        Runtime restarting… {status.lastRestart?.message ?? ''}
        {culpritText(status)}
      </div>
    );
  if (status.state === 'gave-up')
    return (
      <div className="banner error" role="alert">
        The runtime is down and is not restarted again: {status.message}. Fix the cause, then restart the app.
      </div>
    );
  const restart = status.lastRestart;
  if (status.state === 'running' && restart && dismissed !== restart.at)
    return (
      <div className="banner info" role="status">
        The runtime was restarted at {new Date(restart.at).toLocaleTimeString()}: {restart.message}.
        {culpritText(status)}{' '}
        <button type="button" className="link-button" onClick={() => setDismissed(restart.at)}>
          Dismiss
        </button>
      </div>
    );
  return null;
}
