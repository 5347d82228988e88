import type { AuditEntry } from '../../../shared/dto/audit';
import type { PanelClient } from '../../api/panel-client';
import { describeError } from '../../lib/errors';
import { searchFields, toCsv, toJson } from './audit-format';
import type { AuditStore } from './audit-store';

export const PAGE_SIZE = 100;
/** Export reads the whole filtered history page by page, up to this many entries. */
export const EXPORT_LIMIT = 100_000;

export interface AuditActions {
  refreshGuilds(): Promise<void>;
  selectGuild(guild: string): Promise<void>;
  /** The newest page under the current filters. */
  search(): Promise<void>;
  /** The next older page. */
  loadOlder(): Promise<void>;
  addChannel(channel: string): Promise<boolean>;
  removeChannel(channel: string): Promise<void>;
  /** Every entry matching the filters (bounded), as a file body. */
  exportAs(format: 'csv' | 'json'): Promise<{ name: string; type: string; body: string; count: number }>;
  /** Follows pushed `audit` and `auditFailure` events; returns the unsubscribe. */
  follow(): () => void;
}

/** The Audit view's calls over the contract, writing into the store. The newest search wins. */
export function auditActions(client: PanelClient, store: AuditStore): AuditActions {
  const state = () => store.getState();
  let searchSeq = 0;

  const runSearch = async (append: boolean): Promise<void> => {
    const { guild, filters, nextCursor } = state();
    if (!guild) return;
    if (append && nextCursor === null) return;
    const seq = ++searchSeq;
    state().setLoading(true);
    try {
      const page = await client.call('audit.search', {
        guild,
        limit: PAGE_SIZE,
        ...searchFields(filters),
        ...(append && nextCursor !== null ? { cursor: nextCursor } : {}),
      });
      if (seq === searchSeq && state().guild === guild)
        state().setPage(page.entries, page.nextCursor, append);
    } catch (err) {
      if (seq === searchSeq) state().setEntriesError(describeError(err));
    } finally {
      if (seq === searchSeq) state().setLoading(false);
    }
  };

  const actions: AuditActions = {
    refreshGuilds: async () => {
      try {
        const { guilds } = await client.call('audit.guilds', {});
        state().setGuilds(guilds);
        const current = state().guild;
        if (current === null || !guilds.some((g) => g.db === current)) {
          const first = guilds[0]?.db ?? null;
          state().chooseGuild(first);
          if (first) await runSearch(false);
        }
      } catch (err) {
        state().setGuildsError(describeError(err));
      }
    },
    selectGuild: async (guild) => {
      state().chooseGuild(guild);
      await runSearch(false);
    },
    search: () => runSearch(false),
    loadOlder: () => runSearch(true),
    addChannel: async (channel) => {
      const guild = state().guild;
      if (!guild) return false;
      try {
        state().updateGuild(await client.call('audit.addChannel', { guild, channel }));
        state().setChannelError(null);
        return true;
      } catch (err) {
        state().setChannelError(describeError(err));
        return false;
      }
    },
    removeChannel: async (channel) => {
      const guild = state().guild;
      if (!guild) return;
      try {
        state().updateGuild(await client.call('audit.removeChannel', { guild, channel }));
        state().setChannelError(null);
      } catch (err) {
        state().setChannelError(describeError(err));
      }
    },
    exportAs: async (format) => {
      const { guild, filters } = state();
      if (!guild) throw new Error('no guild chosen');
      const all: AuditEntry[] = [];
      let cursor: number | undefined;
      while (all.length < EXPORT_LIMIT) {
        const page = await client.call('audit.search', {
          guild,
          limit: 500,
          ...searchFields(filters),
          ...(cursor !== undefined ? { cursor } : {}),
        });
        all.push(...page.entries);
        if (page.nextCursor === null) break;
        cursor = page.nextCursor;
      }
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      return format === 'csv'
        ? { name: `audit-${guild}-${stamp}.csv`, type: 'text/csv', body: toCsv(all), count: all.length }
        : {
            name: `audit-${guild}-${stamp}.json`,
            type: 'application/json',
            body: toJson(all),
            count: all.length,
          };
    },
    follow: () => {
      const offEntries = client.on('audit', (entries) => {
        state().ingest(entries);
        const known = state().guilds;
        if (known && entries.some((e) => !known.some((g) => g.db === e.guild))) void actions.refreshGuilds();
      });
      const offFailures = client.on('auditFailure', (failure) => {
        state().addFailure(failure.guild, failure.channelId, failure.error);
        void actions.refreshGuilds();
      });
      return () => {
        offEntries();
        offFailures();
      };
    },
  };
  return actions;
}
