import { useId, useState, type ReactNode } from 'react';
import { LOG_LEVELS } from '../../../shared/dto/log';
import { Icon } from '../../ui/Icon';
import { getIn, pathKey } from './config-paths';
import {
  IssueList,
  NumberField,
  NumberInput,
  Row,
  SecretField,
  SelectField,
  TagListField,
  TextField,
  Toggle,
  OrderListField,
} from './fields';
import { RpcSection } from './RpcSection';
import { PanelSessionRow } from './PanelSessionRow';
import { ThemeRow } from './ThemeRow';
import { issuesAt, overrideOf, useSettingsForm } from './SettingsContext';
import { useSettingsStore } from './settings-store';

export interface SectionDef {
  id: string;
  title: string;
  /** Top-level config keys the section edits (for its problem count). */
  keys: readonly string[];
  Component: () => ReactNode;
}

function Section({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description: ReactNode;
  children: ReactNode;
}) {
  const { issues } = useSettingsForm();
  const def = SECTIONS.find((s) => s.id === id);
  const count = def ? issues.filter((i) => def.keys.includes(String(i.path[0]))).length : 0;
  return (
    <section className="set-section" id={`settings-${id}`} aria-labelledby={`settings-${id}-title`}>
      <header className="set-section-head">
        <h2 id={`settings-${id}-title`}>{title}</h2>
        {count > 0 && (
          <span className="badge tone-err">
            {count} {count === 1 ? 'problem' : 'problems'}
          </span>
        )}
        <p>{description}</p>
      </header>
      <div className="set-rows">{children}</div>
    </section>
  );
}

function BotSection() {
  return (
    <Section id="bot" title="Bot" description="How the bot is called in channels.">
      <TextField
        path={['bot', 'name']}
        label="Name"
        hint="Used for addressing (“bot, help”). Adapters may report the real nick."
      />
    </Section>
  );
}

const STRING_MIDDLEWARE = ['aliases', 'badwords', 'ratelimit'];
const MESSAGE_MIDDLEWARE = ['fixer', 'security', 'moduleRateLimit'];

function PipelineSection() {
  return (
    <Section id="pipeline" title="Pipeline" description="How a chat message becomes a command.">
      <TagListField
        path={['pipeline', 'triggers']}
        label="Triggers"
        hint="Prefixes that address the bot in a channel (+help). At least one."
        placeholder="add a trigger…"
      />
      <Toggle
        path={['pipeline', 'nameAddressing']}
        label="Name addressing"
        hint="Also accept “botname, help”, “botname: help” and a mention of the bot."
      />
      <Toggle
        path={['pipeline', 'stripTriggerInPrivate']}
        label="Strip trigger in private"
        hint="Remove a trigger from private messages too."
      />
      <NumberField
        path={['pipeline', 'maxLength']}
        label="Max message length"
        hint="Longer messages are dropped (logged, no reply)."
        unit="chars"
      />
      <OrderListField
        path={['pipeline', 'stringMiddleware']}
        label="String middleware"
        hint="Runs on the raw text, in this order."
        builtins={STRING_MIDDLEWARE}
      />
      <OrderListField
        path={['pipeline', 'messageMiddleware']}
        label="Message middleware"
        hint="Runs on the tokens, in this order."
        builtins={MESSAGE_MIDDLEWARE}
      />
      <SelectField
        path={['pipeline', 'unknownCommandReply']}
        label="Unknown-command reply"
        hint="Whether “unknown command” is answered."
        options={[
          { value: 'always', label: 'always' },
          { value: 'private', label: 'in private only' },
          { value: 'never', label: 'never' },
        ]}
      />
      <NumberField
        path={['pipeline', 'traceSize']}
        label="Traces kept"
        hint="Pipeline traces the runtime keeps for the Logs › Pipeline tab."
      />
    </Section>
  );
}

function AliasesSection() {
  const { issues } = useSettingsForm();
  const aliases = useSettingsStore((s) => getIn(s.draft, ['aliases']));
  const setField = useSettingsStore((s) => s.setField);
  const list = Array.isArray(aliases) ? (aliases as { pattern?: unknown; replacement?: unknown }[]) : [];
  const all = issuesAt(issues, 'aliases', true);
  return (
    <Section
      id="aliases"
      title="Aliases"
      description={
        <>
          A message matching a pattern runs the replacement instead. <code>{'{name}'}</code> captures one
          word; the last placeholder captures the rest.
        </>
      }
    >
      <div className="set-row wide" data-path="aliases">
        <table className="set-table" aria-label="Aliases">
          <thead>
            <tr>
              <th>Pattern</th>
              <th aria-hidden="true" />
              <th>Replacement</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.map((alias, i) => {
              const pIssues = issuesAt(issues, `aliases.${i}.pattern`);
              const rIssues = issuesAt(issues, `aliases.${i}.replacement`);
              return (
                <tr key={i} data-path={`aliases.${i}`}>
                  <td>
                    <input
                      type="text"
                      className={`mono${pIssues.length ? ' invalid' : ''}`}
                      aria-label={`Alias ${i + 1} pattern`}
                      value={typeof alias.pattern === 'string' ? alias.pattern : ''}
                      placeholder="remember {key} is {rest}"
                      spellCheck={false}
                      onChange={(e) => setField(['aliases', i, 'pattern'], e.target.value)}
                    />
                    <IssueList issues={pIssues} />
                  </td>
                  <td className="set-table-arrow" aria-hidden="true">
                    →
                  </td>
                  <td>
                    <input
                      type="text"
                      className={`mono${rIssues.length ? ' invalid' : ''}`}
                      aria-label={`Alias ${i + 1} replacement`}
                      value={typeof alias.replacement === 'string' ? alias.replacement : ''}
                      placeholder="factoid add {key} '{key} is {rest}'"
                      spellCheck={false}
                      onChange={(e) => setField(['aliases', i, 'replacement'], e.target.value)}
                    />
                    <IssueList issues={rIssues} />
                  </td>
                  <td className="set-table-actions">
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={`Remove alias ${i + 1}`}
                      onClick={() =>
                        setField(
                          ['aliases'],
                          list.filter((_, n) => n !== i),
                        )
                      }
                    >
                      <Icon name="trash" size={13} />
                    </button>
                  </td>
                </tr>
              );
            })}
            {list.length === 0 && (
              <tr>
                <td colSpan={4} className="dim">
                  No aliases.
                </td>
              </tr>
            )}
          </tbody>
        </table>
        <IssueList issues={all.filter((i) => i.path.length <= 2)} />
        <button
          type="button"
          className="button small"
          onClick={() => setField(['aliases'], [...list, { pattern: '', replacement: '' }])}
        >
          <Icon name="plus" size={11} />
          Add alias
        </button>
      </div>
    </Section>
  );
}

function BadWordsSection() {
  return (
    <Section
      id="badWords"
      title="Bad words"
      description="Words filtered out of messages before they become commands."
    >
      <TagListField
        path={['badWords', 'words']}
        label="Words"
        hint="Matched case-insensitively as whole words."
        placeholder="add a word…"
      />
      <SelectField
        path={['badWords', 'mode']}
        label="Mode"
        hint="What happens to a message that contains one."
        options={[
          { value: 'mask', label: 'mask — replace with asterisks' },
          { value: 'remove', label: 'remove — drop the word' },
          { value: 'abort', label: 'abort — drop the message' },
        ]}
      />
    </Section>
  );
}

function BucketRow({ path, label, hint }: { path: string[]; label: string; hint: string }) {
  const { issues } = useSettingsForm();
  const key = pathKey(path);
  const all = issuesAt(issues, key, true);
  const id = useId();
  return (
    <Row pathKeyValue={key} label={label} hint={hint} htmlFor={id} issues={all} issueBase={key}>
      <span className="bucket">
        <NumberInput
          path={[...path, 'burst']}
          id={id}
          label={`${label} burst`}
          invalid={issuesAt(issues, `${key}.burst`).length > 0}
          unit="at once"
        />
        <span className="bucket-then">then</span>
        <NumberInput
          path={[...path, 'perSecond']}
          label={`${label} per second`}
          invalid={issuesAt(issues, `${key}.perSecond`).length > 0}
          unit="/ s"
        />
      </span>
    </Row>
  );
}

function ModuleLimits() {
  const { issues } = useSettingsForm();
  const modules = useSettingsStore((s) => getIn(s.draft, ['rateLimit', 'modules']));
  const setField = useSettingsStore((s) => s.setField);
  const [name, setName] = useState('');
  const entries = modules && typeof modules === 'object' ? Object.keys(modules as object) : [];
  const nameProblem = name.trim() !== '' && entries.includes(name.trim()) ? 'already listed' : null;
  const add = (): void => {
    const n = name.trim();
    if (!n || nameProblem) return;
    setField(['rateLimit', 'modules'], { ...(modules as object), [n]: { burst: 1, perSecond: 0.2 } });
    setName('');
  };
  return (
    <div className="set-row wide" data-path="rateLimit.modules">
      <div className="set-label">
        <span className="set-label-text">Per-command limits</span>
        <div className="set-hint">
          Per user, for a command or module (e.g. quiz: 1 at once, then 0.1 / s).
        </div>
      </div>
      <div className="set-control">
        <table className="set-table compact" aria-label="Per-command limits">
          <thead>
            <tr>
              <th>Command / module</th>
              <th>Burst</th>
              <th>Per second</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {entries.map((m) => (
              <tr key={m} data-path={`rateLimit.modules.${m}`}>
                <td className="mono">{m}</td>
                <td>
                  <NumberInput
                    path={['rateLimit', 'modules', m, 'burst']}
                    label={`${m} burst`}
                    invalid={issuesAt(issues, `rateLimit.modules.${m}.burst`).length > 0}
                  />
                </td>
                <td>
                  <NumberInput
                    path={['rateLimit', 'modules', m, 'perSecond']}
                    label={`${m} per second`}
                    invalid={issuesAt(issues, `rateLimit.modules.${m}.perSecond`).length > 0}
                  />
                </td>
                <td className="set-table-actions">
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Remove the limit for ${m}`}
                    onClick={() => {
                      const next = { ...(modules as Record<string, unknown>) };
                      delete next[m];
                      setField(['rateLimit', 'modules'], next);
                    }}
                  >
                    <Icon name="trash" size={13} />
                  </button>
                </td>
              </tr>
            ))}
            {entries.length === 0 && (
              <tr>
                <td colSpan={4} className="dim">
                  No per-command limits.
                </td>
              </tr>
            )}
          </tbody>
        </table>
        <IssueList issues={issuesAt(issues, 'rateLimit.modules', true)} base="rateLimit.modules" />
        <div className="inline-add">
          <input
            type="text"
            className="mono"
            placeholder="command or module"
            aria-label="Command or module to limit"
            value={name}
            spellCheck={false}
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }}
          />
          <button
            type="button"
            className="button small"
            onClick={add}
            disabled={!name.trim() || !!nameProblem}
          >
            <Icon name="plus" size={11} />
            Add limit
          </button>
          {nameProblem && <span className="form-error">{nameProblem}</span>}
        </div>
      </div>
    </div>
  );
}

function RateLimitSection() {
  return (
    <Section
      id="rateLimit"
      title="Rate limits"
      description="Token buckets: a burst of messages at once, refilled at a rate per second."
    >
      <BucketRow path={['rateLimit', 'user']} label="Per user" hint="Each user’s own bucket." />
      <BucketRow
        path={['rateLimit', 'channel']}
        label="Per channel"
        hint="Shared by everyone in a channel."
      />
      <BucketRow path={['rateLimit', 'global']} label="Global" hint="Everything the bot handles." />
      <NumberField
        path={['rateLimit', 'maxInFlight']}
        label="Max in flight"
        hint="Commands running at once across the bot; more are refused."
      />
      <NumberField
        path={['rateLimit', 'flood', 'strikes']}
        label="Flood guard: strikes"
        hint="Refusals within the window before a user is ignored."
      />
      <NumberField path={['rateLimit', 'flood', 'windowMs']} label="Flood guard: window" unit="ms" />
      <NumberField
        path={['rateLimit', 'flood', 'ignoreMs']}
        label="Flood guard: ignore for"
        hint="The user is told once."
        unit="ms"
      />
      <NumberField
        path={['rateLimit', 'exemptRank']}
        label="Exempt rank"
        hint="Users of this rank or better are never limited (1 = owners only, 0 = nobody)."
      />
      <ModuleLimits />
    </Section>
  );
}

function RanksSection() {
  return (
    <Section id="ranks" title="Ranks" description="Who may run what: 1 is the highest rank.">
      <NumberField
        path={['ranks', 'default']}
        label="Default rank"
        hint="Rank of a chat user no other rule matches."
      />
      <TagListField
        path={['ranks', 'owners']}
        label="Owners"
        hint="Rank 1: Discord user ids, IRC nick!user@host masks."
        placeholder="add an owner…"
      />
    </Section>
  );
}

function DebugSection() {
  return (
    <Section id="debug" title="Debug" description="Help while developing commands.">
      <Toggle
        path={['debug', 'showCommandErrors']}
        label="Show command errors"
        hint="Send stack traces of failing commands to chat, to owner-rank users only."
      />
    </Section>
  );
}

function LoggingSection() {
  return (
    <Section id="logging" title="Logging" description="What the runtime records.">
      <SelectField
        path={['logging', 'level']}
        label="Level"
        hint="Lines below it are not written."
        options={LOG_LEVELS.map((l) => ({ value: l, label: l }))}
      />
      <NumberField
        path={['logging', 'ringSize']}
        label="Ring size"
        hint="Entries kept in memory for the Logs view."
        unit="entries"
      />
      <NumberField
        path={['logging', 'ringBytes']}
        label="Ring memory"
        hint="Bytes the Logs view's ring may hold (64 MB = 67108864); the oldest entries go first."
        unit="bytes"
      />
    </Section>
  );
}

function CommandsSection() {
  return (
    <Section id="commands" title="Commands" description="Loading and running command files.">
      <Toggle
        path={['commands', 'autoReload']}
        label="Auto reload"
        hint="Reload command files when they change on disk."
      />
      <NumberField
        path={['commands', 'timeoutMs']}
        label="Timeout"
        hint="Default per invocation; a command may declare its own."
        unit="ms"
      />
      <NumberField
        path={['commands', 'cleanupTimeoutMs']}
        label="Clean-up timeout"
        hint="How long each clean-up handler may take at shutdown."
        unit="ms"
      />
    </Section>
  );
}

function DiscordSection() {
  return (
    <Section id="discord" title="Discord" description="The Discord adapter.">
      <SecretField
        path="discord.token"
        label="Bot token"
        hint="Never shown and never sent to the panel. Also DISCORD_TOKEN or --discord-token."
      />
      <TextField
        path={['discord', 'api']}
        label="API URL"
        hint="REST base URL override (a REST proxy or a test server). Empty: Discord’s own."
        placeholder="https://discord.com/api"
        nullable
        mono
      />
      <Toggle
        path={['discord', 'membersIntent']}
        label="Members intent"
        hint="Request the privileged Guild Members intent (complete member lists)."
      />
      <Toggle
        path={['discord', 'messageContentIntent']}
        label="Message Content intent"
        hint="Request the privileged Message Content intent (prefix commands in guilds need it; slash commands, mentions and DMs do not)."
      />
      <NumberField
        path={['discord', 'adminRank']}
        label="Administrator rank"
        hint="Members with Administrator."
      />
      <NumberField
        path={['discord', 'manageGuildRank']}
        label="Manage Guild rank"
        hint="Members with Manage Guild."
      />
      <Toggle
        path={['discord', 'commands', 'enabled']}
        label="Slash commands"
        hint="Offer every command as a Discord slash command (registered on connect and after reloads)."
      />
      <SelectField
        path={['discord', 'commands', 'scope']}
        label="Slash command scope"
        hint="Global, or registered per guild (changes show at once)."
        options={[
          { value: 'global', label: 'Global' },
          { value: 'guilds', label: 'Per guild' },
        ]}
      />
      <TagListField
        path={['discord', 'commands', 'guilds']}
        label="Slash command guilds"
        hint="Guild ids for the per-guild scope; none means every guild the bot is in."
        placeholder="guild id"
      />
      <NumberField
        path={['discord', 'commands', 'deferAfterMs']}
        label="Defer slash commands after"
        hint="A slash command still silent after this long shows “thinking…” (Discord allows 3 s)."
        unit="ms"
      />
      <SelectField
        path={['discord', 'presence', 'status']}
        label="Status"
        hint="What the bot shows in member lists (the activity is set with the presence command)."
        options={[
          { value: 'online', label: 'Online' },
          { value: 'idle', label: 'Idle' },
          { value: 'dnd', label: 'Do not disturb' },
          { value: 'invisible', label: 'Invisible' },
        ]}
      />
    </Section>
  );
}

export const NEW_IRC_SERVER = {
  host: '',
  port: 6697,
  tls: true,
  nick: 'bot',
  username: null,
  realname: 'ProtOS bot',
  password: null,
  sasl: null,
  channels: [],
  send: { burst: 4, perSecond: 1 },
  opRank: 2,
  voiceRank: 4,
};

function IrcServer({ index, server }: { index: number; server: Record<string, unknown> }) {
  const removeServer = useSettingsStore((s) => s.removeServer);
  const setField = useSettingsStore((s) => s.setField);
  const setSecret = useSettingsStore((s) => s.setSecret);
  const base = ['irc', 'servers', index];
  const sasl = server.sasl as { account?: unknown } | null | undefined;
  const title = `${typeof server.host === 'string' && server.host ? server.host : 'new server'}:${String(server.port ?? '')}`;
  return (
    <div
      className="irc-server"
      data-path={`irc.servers.${index}`}
      aria-label={`IRC server ${index + 1}`}
      role="group"
    >
      <header className="irc-server-head">
        <span className="irc-server-index">#{index + 1}</span>
        <span className="mono">{title}</span>
        {server.tls === true && <span className="badge tone-ok">tls</span>}
        <button
          type="button"
          className="button small danger irc-remove"
          onClick={() => removeServer(index)}
          aria-label={`Remove IRC server ${index + 1}`}
        >
          <Icon name="trash" size={11} />
          Remove
        </button>
      </header>
      <div className="irc-server-body">
        <TextField path={[...base, 'host']} label="Host" placeholder="irc.libera.chat" mono />
        <NumberField path={[...base, 'port']} label="Port" />
        <Toggle path={[...base, 'tls']} label="TLS" />
        <TextField path={[...base, 'nick']} label="Nick" mono />
        <TextField path={[...base, 'username']} label="Username" hint="Empty: the nick." nullable mono />
        <TextField path={[...base, 'realname']} label="Real name" />
        <SecretField
          path={`irc.servers.${index}.password`}
          label="Server password"
          hint="Secret; PASS at connect."
        />
        <div className="set-row" data-path={`irc.servers.${index}.sasl`}>
          <div className="set-label">
            <span className="set-label-text">SASL</span>
            <div className="set-hint">SASL PLAIN login (account + password).</div>
          </div>
          <div className="set-control">
            <label className="switch">
              <input
                type="checkbox"
                role="switch"
                aria-label={`SASL for IRC server ${index + 1}`}
                checked={sasl !== null && sasl !== undefined}
                onChange={(e) => {
                  if (e.target.checked) setField([...base, 'sasl'], { account: '', password: null });
                  else {
                    setField([...base, 'sasl'], null);
                    setSecret(`irc.servers.${index}.sasl.password`, undefined);
                  }
                }}
              />
              <span className="switch-track" aria-hidden="true" />
              <span className="switch-text">{sasl ? 'on' : 'off'}</span>
            </label>
          </div>
        </div>
        {sasl && (
          <>
            <TextField path={[...base, 'sasl', 'account']} label="SASL account" mono />
            <SecretField
              path={`irc.servers.${index}.sasl.password`}
              label="SASL password"
              clearable={false}
            />
          </>
        )}
        <TagListField path={[...base, 'channels']} label="Channels" placeholder="#channel" />
        <BucketRow path={[...base.map(String), 'send']} label="Send rate" hint="Outgoing flood control." />
        <NumberField path={[...base, 'opRank']} label="Operator rank" hint="Channel operators (@)." />
        <NumberField path={[...base, 'voiceRank']} label="Voice rank" hint="Voiced users (+)." />
      </div>
    </div>
  );
}

function IrcSection() {
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

function PanelSection() {
  return (
    <Section id="panel" title="Panel" description="Browser mode of this panel.">
      <NumberField
        path={['panel', 'port']}
        label="Port"
        hint="On 127.0.0.1; 0 reuses the port of the last start (else a free one). Applies at the next start."
      />
      <PanelSessionRow />
      <ThemeRow />
    </Section>
  );
}

function AuditSection() {
  return (
    <Section id="audit" title="Audit" description="Audit entries stored in each guild's database.">
      <NumberField
        path={['audit', 'retentionDays']}
        label="Keep entries for"
        hint="Older entries are deleted (checked about once an hour per guild)."
        unit="days"
      />
    </Section>
  );
}

export const SECTIONS: readonly SectionDef[] = [
  { id: 'bot', title: 'Bot', keys: ['bot'], Component: BotSection },
  { id: 'pipeline', title: 'Pipeline', keys: ['pipeline'], Component: PipelineSection },
  { id: 'aliases', title: 'Aliases', keys: ['aliases'], Component: AliasesSection },
  { id: 'badWords', title: 'Bad words', keys: ['badWords'], Component: BadWordsSection },
  { id: 'rateLimit', title: 'Rate limits', keys: ['rateLimit'], Component: RateLimitSection },
  { id: 'ranks', title: 'Ranks', keys: ['ranks'], Component: RanksSection },
  { id: 'debug', title: 'Debug', keys: ['debug'], Component: DebugSection },
  { id: 'logging', title: 'Logging', keys: ['logging'], Component: LoggingSection },
  { id: 'commands', title: 'Commands', keys: ['commands'], Component: CommandsSection },
  { id: 'discord', title: 'Discord', keys: ['discord'], Component: DiscordSection },
  { id: 'irc', title: 'IRC', keys: ['irc'], Component: IrcSection },
  { id: 'panel', title: 'Panel', keys: ['panel'], Component: PanelSection },
  { id: 'rpc', title: 'RPC server', keys: ['rpc'], Component: RpcSection },
  { id: 'audit', title: 'Audit', keys: ['audit'], Component: AuditSection },
];
