import type { AppInfo } from '../../../shared/dto/status';
import type { SupervisorStatus } from '../../../shared/dto/supervisor';
import { useSupervisorStatus } from '../../api/use-supervisor-status';
import { CopyButton } from '../../ui/CopyButton';

function PathRow({ label, value }: { label: string; value: string }) {
  return (
    <div className="kv-row">
      <dt>{label}</dt>
      <dd>
        <span className="mono path" title={value}>
          {value}
        </span>
        <CopyButton text={value} label={label.toLowerCase()} />
      </dd>
    </div>
  );
}

/** The runtime process as the supervisor sees it: pid, restarts, the last restart's cause. */
function processText(status: SupervisorStatus): string {
  const parts = [status.runtimePid !== null ? `pid ${status.runtimePid}` : status.state];
  parts.push(`${status.restarts} restart${status.restarts === 1 ? '' : 's'}`);
  const last = status.lastRestart;
  if (last) {
    const culprit = last.culprit ? ` in ${last.culprit.file}${last.quarantined ? ' (quarantined)' : ''}` : '';
    parts.push(`last: ${last.reason}${culprit} at ${new Date(last.at).toLocaleTimeString()}`);
  }
  return parts.join(' · ');
}

/** Where the runtime keeps its files, what it runs on, and its process. */
export function RuntimeInfo({ info }: { info: AppInfo }) {
  const supervisor = useSupervisorStatus();
  return (
    <dl className="kv">
      <PathRow label="Data dir" value={info.dataDir} />
      <PathRow label="Commands dir" value={info.commandsDir} />
      <PathRow label="Config file" value={info.configFile} />
      <div className="kv-row">
        <dt>Versions</dt>
        <dd className="mono">
          {info.name} {info.version} · node {info.versions.node}
          {info.versions.electron ? ` · electron ${info.versions.electron}` : ''}
        </dd>
      </div>
      {supervisor && (
        <div className="kv-row">
          <dt>Runtime process</dt>
          <dd className="mono" data-testid="runtime-process">
            {processText(supervisor)}
          </dd>
        </div>
      )}
    </dl>
  );
}
