import type { CommandDto } from '../../../shared/dto/commands';
import { Icon } from '../../ui/Icon';

/** What a built-in command does and how to call it (built-ins live in the runtime, not in files). */
export function BuiltinDetails({ command }: { command: CommandDto }) {
  return (
    <div className="cmd-details" aria-label={`Command ${command.name}`}>
      <div className="cmd-details-head">
        <Icon name="lock" size={14} />
        <h2 className="mono">{command.name}</h2>
        <span className="badge tone-idle">built-in</span>
        {command.minRank !== null && <span className="badge tone-warn">rank ≤ {command.minRank}</span>}
      </div>
      <p className="cmd-details-desc">{command.desc}</p>
      {command.longDesc && <p className="cmd-details-long">{command.longDesc}</p>}
      <dl className="kv cmd-kv">
        <div className="kv-row">
          <dt>Usage</dt>
          <dd>
            <code>{command.usage}</code>
          </dd>
        </div>
        {command.io && (
          <div className="kv-row">
            <dt>Input/output</dt>
            <dd>
              <code>{command.io}</code>
            </dd>
          </div>
        )}
        <div className="kv-row">
          <dt>Id</dt>
          <dd>
            <code>#{command.id}</code>
          </dd>
        </div>
        <div className="kv-row">
          <dt>Aliases</dt>
          <dd>{command.aliases.length ? command.aliases.map((a) => <code key={a}>{a}</code>) : '—'}</dd>
        </div>
        <div className="kv-row">
          <dt>Module</dt>
          <dd>{command.module ?? '—'}</dd>
        </div>
        <div className="kv-row">
          <dt>Library</dt>
          <dd>{command.lib}</dd>
        </div>
      </dl>
      {command.arguments.length > 0 && (
        <table className="data-table cmd-args" aria-label="Arguments">
          <thead>
            <tr>
              <th>Argument</th>
              <th>Hint</th>
              <th>Description</th>
            </tr>
          </thead>
          <tbody>
            {command.arguments.map((a) => (
              <tr key={a.name}>
                <td className="mono">{a.optional ? `[${a.name}]` : `<${a.name}>`}</td>
                <td className="mono dim">{a.hint || '—'}</td>
                <td>{a.description || <span className="dim">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="cmd-details-note">
        Built-in commands are part of the runtime and cannot be edited here. Run it in the{' '}
        <a href="#/console">Console</a>.
      </p>
    </div>
  );
}
