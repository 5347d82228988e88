import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { AuditEntry, AuditGuild } from '../../../shared/dto/audit';
import { matchesFilters, NO_FILTERS, type AuditFilters } from './audit-format';

/** Live entries kept at the top of the table at most (older ones are a page away). */
const MAX_ROWS = 5_000;

export interface AuditState {
  guilds: AuditGuild[] | null;
  guildsError: string | null;
  /** The guild database shown. */
  guild: string | null;
  filters: AuditFilters;
  /** Entries shown, newest first (searched pages plus live ones). */
  entries: AuditEntry[];
  /** Cursor for the next older page; null when there is none. */
  nextCursor: number | null;
  entriesError: string | null;
  loading: boolean;
  /** The last channel operation's error (add/remove). */
  channelError: string | null;
  /** Audit channels failing right now: `guild/channelId` → message (from pushed failures). */
  failures: Record<string, string>;

  setGuilds(guilds: AuditGuild[]): void;
  setGuildsError(error: string | null): void;
  updateGuild(guild: AuditGuild): void;
  chooseGuild(guild: string | null): void;
  setFilters(filters: Partial<AuditFilters>): void;
  /** A first page (replace) or an older page (append). */
  setPage(entries: AuditEntry[], nextCursor: number | null, append: boolean): void;
  setEntriesError(error: string | null): void;
  setLoading(loading: boolean): void;
  setChannelError(error: string | null): void;
  /** Pushed entries: the ones of the shown guild that match the filters go on top. */
  ingest(entries: AuditEntry[]): void;
  addFailure(guild: string, channelId: string, error: string): void;
}

export type AuditStore = UseBoundStore<StoreApi<AuditState>>;

export function createAuditStore(): AuditStore {
  return create<AuditState>()((set, get) => ({
    guilds: null,
    guildsError: null,
    guild: null,
    filters: NO_FILTERS,
    entries: [],
    nextCursor: null,
    entriesError: null,
    loading: false,
    channelError: null,
    failures: {},

    setGuilds: (guilds) => {
      // a guild whose channels are all fine again drops its failure marks
      const failures = { ...get().failures };
      for (const g of guilds)
        for (const c of g.channels) if (c.lastError === null) delete failures[`${g.db}/${c.id}`];
      set({ guilds, guildsError: null, failures });
    },
    setGuildsError: (guildsError) => set({ guildsError }),
    updateGuild: (guild) =>
      set((s) => ({ guilds: s.guilds?.map((g) => (g.db === guild.db ? guild : g)) ?? [guild] })),
    chooseGuild: (guild) =>
      set({ guild, entries: [], nextCursor: null, entriesError: null, channelError: null }),
    setFilters: (filters) => set((s) => ({ filters: { ...s.filters, ...filters } })),
    setPage: (entries, nextCursor, append) =>
      set((s) => ({
        entries: append
          ? [...s.entries, ...entries.filter((e) => !s.entries.some((x) => x.id === e.id))]
          : entries,
        nextCursor,
        entriesError: null,
      })),
    setEntriesError: (entriesError) => set({ entriesError }),
    setLoading: (loading) => set({ loading }),
    setChannelError: (channelError) => set({ channelError }),
    ingest: (entries) => {
      const { guild, filters } = get();
      const fresh = entries.filter(
        (e) => e.guild === guild && matchesFilters(e, filters) && !get().entries.some((x) => x.id === e.id),
      );
      if (fresh.length === 0) return;
      set((s) => ({ entries: [...fresh.reverse(), ...s.entries].slice(0, MAX_ROWS) }));
    },
    addFailure: (guild, channelId, error) =>
      set((s) => ({ failures: { ...s.failures, [`${guild}/${channelId}`]: error } })),
  }));
}

export const useAuditStore = createAuditStore();
