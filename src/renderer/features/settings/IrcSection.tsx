import { Icon } from '../../ui/Icon';
import { getIn } from './config-paths';
import { IssueList } from './fields';
import { issuesAt, overrideOf, useSettingsForm } from './SettingsContext';
import { useSettingsStore } from './settings-store';
import { Section } from './SettingsSection';
import { IrcServer } from './IrcServer';
import { NEW_IRC_SERVER } from './irc-server-defaults';

export function IrcSection() {
  const { overridden, effective, issues } = useSettingsForm();
  const servers = useSettingsStore((s) => getIn(s.draft, ['irc', 'servers']));
  const addServer = useSettingsStore((s) => s.addServer);
  const override = overrideOf(overridden, 'irc.servers');
  const list = Array.isArray(servers) ? (servers as Record<string, unknown>[]) : [];
  if (override) {
    const running = getIn(effective, ['irc', 'servers']);
    return (
      <Section id="irc" title="IRC" description="The IRC adapter’s servers.">
        <div className="callout warn">
          <Icon name="lock" size={13} />
          <span>
            The servers are set by <code>--irc</code> flags for this run and are read-only here:{' '}
            {Array.isArray(running)
              ? running.map((s: { host?: string; port?: number }) => `${s.host}:${s.port}`).join(', ')
              : '—'}
            . The {list.length} stored in the file are used when the bot starts without them.
          </span>
        </div>
      </Section>
    );
  }
  return (
    <Section id="irc" title="IRC" description="The IRC adapter connects to each server listed here.">
      {list.map((server, i) => (
        <IrcServer key={i} index={i} server={server} />
      ))}
      {list.length === 0 && <div className="set-empty">No IRC server configured.</div>}
      <IssueList issues={issuesAt(issues, 'irc', true).filter((i) => i.path.length <= 2)} />
      <div className="set-add-row">
        <button type="button" className="button small" onClick={() => addServer({ ...NEW_IRC_SERVER })}>
          <Icon name="plus" size={11} />
          Add server
        </button>
      </div>
    </Section>
  );
}
