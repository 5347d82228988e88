import type { AppInfo } from '../../../shared/dto/status';
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

/** Where the runtime keeps its files, and what it runs on. */
export function RuntimeInfo({ info }: { info: AppInfo }) {
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
    </dl>
  );
}
