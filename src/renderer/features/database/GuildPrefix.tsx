import { useEffect, useState } from 'react';
import type { GuildSettingsDto } from '../../../shared/dto/guilds';
import { useApi } from '../../api/api-context';

/** Database ids of guilds: not the global, console or private-message ones. */
export function isGuildDb(id: string): boolean {
  return id !== 'global' && id !== 'console' && !id.endsWith('-private');
}

/** The command prefix of the guild whose database is shown (`prefix set !` in that guild). */
export function GuildPrefix({ db }: { db: string }) {
  const api = useApi();
  const [state, setState] = useState<{
    db: string;
    settings: GuildSettingsDto | null;
    error: string | null;
  }>();

  useEffect(() => {
    if (!isGuildDb(db)) return;
    let live = true;
    api.call('guilds.settings', { db }).then(
      (settings) => live && setState({ db, settings, error: null }),
      (err: unknown) => live && setState({ db, settings: null, error: (err as Error).message }),
    );
    return () => {
      live = false;
    };
  }, [api, db]);

  if (!isGuildDb(db) || state?.db !== db) return null;
  if (state.error !== null)
    return (
      <div className="db-guild-prefix dim" data-testid="guild-prefix">
        Prefix unknown: {state.error}
      </div>
    );
  const { prefix, defaultTriggers } = state.settings!;
  return (
    <div className="db-guild-prefix" data-testid="guild-prefix">
      <span>Command prefix</span>{' '}
      {prefix !== null ? (
        <code>{prefix}</code>
      ) : (
        <span className="dim">
          default (
          {defaultTriggers.map((t, i) => (
            <span key={t}>
              {i > 0 && ', '}
              <code>{t}</code>
            </span>
          ))}
          )
        </span>
      )}
    </div>
  );
}
