import type { CommandDto } from '../../../shared/dto/commands';
import { Icon } from '../../ui/Icon';
import { failureLocation, type CommandGroup } from './command-groups';
import type { Selection } from './commands-store';
import { FileStateBadge } from './FileStateBadge';

function CommandRow({
  command,
  selected,
  onClick,
}: {
  command: CommandDto;
  selected: boolean;
  onClick: () => void;
}) {
  return (
    <li>
      <button
        type="button"
        className={selected ? 'cmd-row selected' : 'cmd-row'}
        onClick={onClick}
        title={command.usage}
        data-command={command.name}
      >
        <span className="cmd-name">{command.name}</span>
        {command.aliases.map((a) => (
          <span key={a} className="cmd-alias">
            {a}
          </span>
        ))}
        {command.minRank !== null && (
          <span className="cmd-rank" title={`needs rank ${command.minRank} or better`}>
            r{command.minRank}
          </span>
        )}
        <span className="cmd-desc">{command.desc}</span>
      </button>
    </li>
  );
}

/** Built-ins, then one group per command file with its load state and the commands in it. */
export function CommandList({
  groups,
  selection,
  onOpenFile,
  onSelectBuiltin,
  dirtyFile,
}: {
  groups: CommandGroup[];
  selection: Selection;
  onOpenFile: (file: string) => void;
  onSelectBuiltin: (name: string) => void;
  /** The open file, when it has unsaved changes. */
  dirtyFile: string | null;
}) {
  return (
    <div className="cmd-list" role="navigation" aria-label="Command files">
      {groups.map((group) =>
        group.kind === 'builtin' ? (
          <section key="builtin" className="cmd-group" aria-label="Built-in commands">
            <div className="cmd-group-head builtin">
              <Icon name="lock" size={12} />
              <span className="cmd-group-title">Built-in</span>
              <span className="cmd-group-meta">{group.commands.length} commands · part of the runtime</span>
            </div>
            <ul>
              {group.commands.map((c) => (
                <CommandRow
                  key={c.id}
                  command={c}
                  selected={selection?.kind === 'builtin' && selection.name === c.name}
                  onClick={() => onSelectBuiltin(c.name)}
                />
              ))}
            </ul>
          </section>
        ) : (
          <section
            key={group.file}
            className={group.status?.state === 'failed' ? 'cmd-group failed' : 'cmd-group'}
            aria-label={group.file}
            data-file={group.file}
          >
            <button
              type="button"
              className={
                selection?.kind === 'file' && selection.file === group.file
                  ? 'cmd-group-head file selected'
                  : 'cmd-group-head file'
              }
              onClick={() => onOpenFile(group.file)}
              title={`Open ${group.file} in the editor`}
            >
              <Icon name="file" size={12} />
              <span className="cmd-group-title">{group.file}</span>
              {dirtyFile === group.file && (
                <span className="dirty-dot" title="unsaved changes" aria-label="unsaved changes" />
              )}
              <span className="cmd-group-spacer" />
              {group.status?.generation !== null && group.status?.generation !== undefined && (
                <span className="cmd-gen" title="generation of the running version">
                  gen {group.status.generation}
                </span>
              )}
              {group.status && group.status.faults.count > 0 && (
                <span
                  className="cmd-gen tone-text-warn"
                  data-testid="fault-count"
                  title={
                    group.status.faults.last
                      ? `last fault: ${group.status.faults.last.message}${group.status.faults.last.location ? ` at ${group.status.faults.last.location}` : ''}`
                      : undefined
                  }
                >
                  {group.status.faults.count} {group.status.faults.count === 1 ? 'fault' : 'faults'}
                </span>
              )}
              <FileStateBadge status={group.status} />
            </button>
            {group.status?.error && (
              <button type="button" className="cmd-file-error" onClick={() => onOpenFile(group.file)}>
                <Icon name="alert" size={12} />
                <span className="mono">{failureLocation(group.status.error)}</span>
                <span className="cmd-file-error-msg">{group.status.error.message}</span>
              </button>
            )}
            {group.commands.length > 0 ? (
              <ul>
                {group.commands.map((c) => (
                  <CommandRow
                    key={c.id}
                    command={c}
                    selected={false}
                    onClick={() => onOpenFile(group.file)}
                  />
                ))}
              </ul>
            ) : (
              <div className="cmd-none">
                {group.status?.state === 'failed'
                  ? 'no version loaded'
                  : group.status?.state === 'quarantined'
                    ? 'quarantined: not loaded'
                    : 'no commands in this file'}
              </div>
            )}
          </section>
        ),
      )}
    </div>
  );
}
