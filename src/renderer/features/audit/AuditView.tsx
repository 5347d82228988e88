import '../logs/logs.css';
import './audit.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useApi } from '../../api/api-context';
import { describeError } from '../../lib/errors';
import { Icon } from '../../ui/Icon';
import { SearchInput } from '../../ui/SearchInput';
import { ViewHeader } from '../../ui/ViewHeader';
import { auditActions } from './audit-actions';
import { NO_FILTERS } from './audit-format';
import { useAuditStore } from './audit-store';
import { AuditChannels } from './AuditChannels';
import { AuditEntries } from './AuditEntries';

/** Offers a text as a file download (blob URL on a temporary link). */
function download(name: string, type: string, body: string): void {
  const url = URL.createObjectURL(new Blob([body], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Audit: per guild, its audit channels and the stored entries (live, filtered, paged, exportable). */
export function AuditView() {
  const api = useApi();
  const actions = useMemo(() => auditActions(api, useAuditStore), [api]);
  const guilds = useAuditStore((s) => s.guilds);
  const guildsError = useAuditStore((s) => s.guildsError);
  const guildId = useAuditStore((s) => s.guild);
  const filters = useAuditStore((s) => s.filters);
  const entries = useAuditStore((s) => s.entries);
  const nextCursor = useAuditStore((s) => s.nextCursor);
  const entriesError = useAuditStore((s) => s.entriesError);
  const loading = useAuditStore((s) => s.loading);
  const channelError = useAuditStore((s) => s.channelError);
  const failures = useAuditStore((s) => s.failures);
  const setFilters = useAuditStore((s) => s.setFilters);
  const [exportNote, setExportNote] = useState<string | null>(null);
  const first = useRef(true);

  useEffect(() => {
    const off = actions.follow();
    void actions.refreshGuilds().then(() => actions.search());
    const offConn = api.onConnection((s) => {
      if (s.state === 'connected') void actions.refreshGuilds().then(() => actions.search());
    });
    return () => {
      off();
      offConn();
    };
  }, [api, actions]);

  // filters apply after a short pause in typing
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const timer = setTimeout(() => void actions.search(), 250);
    return () => clearTimeout(timer);
  }, [filters, actions]);

  const guild = guilds?.find((g) => g.db === guildId) ?? null;
  const failingCount = (g: { db: string; channels: { id: string; lastError: string | null }[] }) =>
    g.channels.filter((c) => c.lastError !== null || failures[`${g.db}/${c.id}`] !== undefined).length;

  const doExport = async (format: 'csv' | 'json') => {
    try {
      const file = await actions.exportAs(format);
      download(file.name, file.type, file.body);
      setExportNote(`Exported ${file.count} entries as ${file.name}`);
    } catch (err) {
      setExportNote(`Export failed: ${describeError(err)}`);
    }
  };

  return (
    <section className="view" aria-label="Audit">
      <ViewHeader
        title="Audit"
        subtitle={
          guilds ? `${guilds.length} ${guilds.length === 1 ? 'guild' : 'guilds'} with audit data` : undefined
        }
      >
        <button type="button" className="button" onClick={() => void doExport('csv')} disabled={!guild}>
          Export CSV
        </button>
        <button type="button" className="button" onClick={() => void doExport('json')} disabled={!guild}>
          Export JSON
        </button>
        <button
          type="button"
          className="button"
          aria-label="Refresh"
          onClick={() => void actions.refreshGuilds().then(() => actions.search())}
        >
          <Icon name="refresh" size={13} className={loading ? 'spin' : undefined} />
          Refresh
        </button>
      </ViewHeader>
      {guilds === null ? (
        <div className={guildsError ? 'view-message error' : 'view-message'}>
          {guildsError ? `Could not load the audit guilds: ${guildsError}` : 'Loading…'}
        </div>
      ) : (
        <div className="audit-body">
          <nav className="audit-guilds" aria-label="Guilds">
            <div className="audit-guilds-head">Guilds</div>
            {guilds.map((g) => {
              const failing = failingCount(g);
              return (
                <button
                  key={g.db}
                  type="button"
                  className={g.db === guildId ? 'audit-guild active' : 'audit-guild'}
                  aria-current={g.db === guildId ? 'true' : undefined}
                  onClick={() => void actions.selectGuild(g.db)}
                >
                  <span className="audit-guild-name">{g.name}</span>
                  <span className="audit-guild-meta">
                    <span className={`network-tag net-${g.network}`}>{g.network}</span>
                    <span className="mono">{g.db === 'console' ? 'panel' : `${g.channels.length} ch`}</span>
                    {failing > 0 && (
                      <span className="tone-text-err" title="audit channels failing">
                        <Icon name="alert" size={12} /> {failing}
                      </span>
                    )}
                  </span>
                </button>
              );
            })}
          </nav>
          <div className="audit-main">
            {exportNote && <div className="callout warn audit-callout">{exportNote}</div>}
            {guild && (
              <AuditChannels
                guild={guild}
                failures={failures}
                error={channelError}
                onAdd={(c) => actions.addChannel(c)}
                onRemove={(c) => void actions.removeChannel(c)}
              />
            )}
            <div className="audit-filters" role="search" aria-label="Filter entries">
              <SearchInput
                label="Actor"
                placeholder="Actor"
                value={filters.actor}
                onChange={(actor) => setFilters({ actor })}
                clearable
              />
              <SearchInput
                label="Command"
                placeholder="Command"
                value={filters.command}
                onChange={(command) => setFilters({ command })}
                clearable
              />
              <SearchInput
                label="Text"
                placeholder="Text in the message"
                value={filters.text}
                onChange={(text) => setFilters({ text })}
                clearable
              />
              <label className="audit-time">
                <span>From</span>
                <input
                  type="datetime-local"
                  aria-label="From"
                  value={filters.from}
                  onChange={(e) => setFilters({ from: e.target.value })}
                />
              </label>
              <label className="audit-time">
                <span>To</span>
                <input
                  type="datetime-local"
                  aria-label="To"
                  value={filters.to}
                  onChange={(e) => setFilters({ to: e.target.value })}
                />
              </label>
              <button type="button" className="link-button" onClick={() => setFilters(NO_FILTERS)}>
                Clear
              </button>
            </div>
            {entriesError && (
              <div className="callout err audit-callout" role="alert">
                {entriesError}
              </div>
            )}
            <AuditEntries
              entries={entries}
              hasOlder={nextCursor !== null}
              loading={loading}
              onOlder={() => void actions.loadOlder()}
            />
          </div>
        </div>
      )}
    </section>
  );
}
