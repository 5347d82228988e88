import { useState } from 'react';
import type { AuditGuild } from '../../../shared/dto/audit';
import { formatDateTime } from '../../lib/format';
import { Icon } from '../../ui/Icon';

/** A guild's audit channels: state of each, remove, and a form to add one. */
export function AuditChannels({
  guild,
  failures,
  error,
  onAdd,
  onRemove,
}: {
  guild: AuditGuild;
  failures: Record<string, string>;
  error: string | null;
  onAdd: (channel: string) => Promise<boolean>;
  onRemove: (channelId: string) => void;
}) {
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const isConsole = guild.db === 'console';
  return (
    <section className="panel audit-channels" aria-label="Audit channels">
      <header className="panel-header">
        <h2>Audit channels</h2>
        <span className="panel-meta">{isConsole ? 'this view' : `${guild.channels.length} configured`}</span>
      </header>
      {isConsole ? (
        <div className="panel-empty">
          The console&apos;s audit channel is this view: everything logged from the console and the panel
          appears below.
        </div>
      ) : (
        <>
          {guild.channels.length === 0 ? (
            <div className="panel-empty">
              No audit channels: entries are stored and shown here only. Add one below or with{' '}
              <code>auditlog add &lt;channel&gt;</code> in the guild.
            </div>
          ) : (
            <table className="data-table">
              <thead>
                <tr>
                  <th>Channel</th>
                  <th>Added</th>
                  <th>State</th>
                  <th aria-label="Actions" />
                </tr>
              </thead>
              <tbody>
                {guild.channels.map((c) => {
                  const failing = c.lastError ?? failures[`${guild.db}/${c.id}`] ?? null;
                  return (
                    <tr key={c.id} data-channel={c.id}>
                      <td>
                        <span className="strong">{/^[#&]/.test(c.name) ? c.name : `#${c.name}`}</span>{' '}
                        <span className="mono dim">{c.id}</span>
                      </td>
                      <td className="dim">
                        {formatDateTime(c.addedAt).slice(0, 16)} by {c.addedBy}
                      </td>
                      <td className={failing ? 'error-cell' : 'tone-text-ok'} title={failing ?? undefined}>
                        {failing ? `failing: ${failing}` : 'ok'}
                      </td>
                      <td className="num">
                        <button
                          type="button"
                          className="icon-button"
                          aria-label={`Remove ${c.name}`}
                          title="Remove this audit channel"
                          onClick={() => onRemove(c.id)}
                        >
                          <Icon name="trash" size={13} />
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          <form
            className="audit-add"
            onSubmit={(e) => {
              e.preventDefault();
              if (!draft.trim() || busy) return;
              setBusy(true);
              void onAdd(draft.trim())
                .then((ok) => ok && setDraft(''))
                .finally(() => setBusy(false));
            }}
          >
            <input
              aria-label="Channel to add"
              placeholder={guild.network === 'irc' ? '#channel' : 'channel id or <#mention>'}
              value={draft}
              spellCheck={false}
              onChange={(e) => setDraft(e.target.value)}
            />
            <button type="submit" className="button" disabled={busy || draft.trim() === ''}>
              <Icon name="plus" size={13} />
              Add channel
            </button>
          </form>
        </>
      )}
      {error && (
        <div className="callout err audit-callout" role="alert">
          <Icon name="alert" size={13} />
          {error}
        </div>
      )}
    </section>
  );
}
