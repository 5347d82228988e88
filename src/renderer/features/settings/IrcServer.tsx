import { Icon } from '../../ui/Icon';
import { NumberField, SecretField, TagListField, TextField, Toggle } from './fields';
import { useSettingsStore } from './settings-store';
import { RowFrame } from './RowFrame';
import { BucketRow } from './BucketRow';

/** One entry of `irc.servers`, with its own remove button. */
export function IrcServer({ index, server }: { index: number; server: Record<string, unknown> }) {
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
        <RowFrame
          pathKeyValue={`irc.servers.${index}.sasl`}
          label="SASL"
          hint="SASL PLAIN login (account + password)."
        >
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
        </RowFrame>
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
