import type { PanelClient } from '../../api/panel-client';
import { describeError } from '../../lib/errors';
import { pageInfo, type DatabaseStore } from './database-store';

export interface DatabaseActions {
  /** Everything again: the database list, the chosen database's tables and the page shown. */
  refresh(): Promise<void>;
  selectDb(db: string): Promise<void>;
  selectTable(table: string): Promise<void>;
  /** Shows the page starting at `offset`. */
  goTo(offset: number): Promise<void>;
  setLimit(limit: number): Promise<void>;
  /** Searches the table (back to the first page). */
  search(text: string): Promise<void>;
  /** Sorts by a column (asc → desc → table order). */
  sortBy(column: string): Promise<void>;
  /** Reads the page shown again without showing a loading state (live refresh). */
  reloadRows(): Promise<void>;
}

type Kind = 'list' | 'tables' | 'rows';
const requests = new WeakMap<DatabaseStore, Record<Kind, number>>();

/**
 * The Database view's reads over the contract (`database.list`, `database.tables`,
 * `database.rows`), writing into the store. For each kind the newest request wins: an answer
 * to an older one (another database or page clicked meanwhile) is dropped.
 */
export function databaseActions(client: PanelClient, store: DatabaseStore): DatabaseActions {
  const state = () => store.getState();
  const counters = (): Record<Kind, number> => {
    let c = requests.get(store);
    if (!c) requests.set(store, (c = { list: 0, tables: 0, rows: 0 }));
    return c;
  };
  /** Runs one request of `kind`; `apply` runs only if no newer one started meanwhile. */
  const track = async <T>(
    kind: Kind,
    request: () => Promise<T>,
    apply: (value: T) => void,
    fail: (message: string) => void,
    quiet = false,
  ): Promise<boolean> => {
    const seq = ++counters()[kind];
    if (!quiet) state().setLoading(kind, true);
    try {
      const value = await request();
      if (counters()[kind] !== seq) return false;
      apply(value);
      return true;
    } catch (err) {
      if (counters()[kind] === seq) fail(describeError(err));
      return false;
    } finally {
      if (counters()[kind] === seq) state().setLoading(kind, false);
    }
  };

  const loadList = (): Promise<boolean> =>
    track(
      'list',
      () => client.call('database.list', {}),
      ({ databases }) => {
        state().setDatabases(databases);
        const current = state().db;
        if (current === null || !databases.some((d) => d.id === current))
          state().chooseDb(databases[0]?.id ?? null);
      },
      (message) => state().setListError(message),
    );

  const loadTables = (): Promise<boolean> => {
    const db = state().db;
    if (db === null) return Promise.resolve(false);
    return track(
      'tables',
      () => client.call('database.tables', { db }),
      ({ tables }) => {
        if (state().db !== db) return;
        state().setTables(db, tables);
        const current = state().table;
        if (current === null || !tables.some((t) => t.name === current))
          state().chooseTable(tables[0]?.name ?? null);
      },
      (message) => state().setTablesError(message),
    );
  };

  const loadRows = async (quiet = false): Promise<void> => {
    const { db, table, offset, limit, search, sort } = state();
    if (db === null || table === null) return;
    let beyondEnd = false;
    const view = { ...(search.trim() ? { search: search.trim() } : {}), ...(sort ? { sort } : {}) };
    await track(
      'rows',
      () => client.call('database.rows', { db, table, offset, limit, ...view }),
      (page) => {
        if (state().db !== db || state().table !== table) return;
        state().setPage(page);
        beyondEnd = page.rows.length === 0 && page.total > 0 && offset > 0;
      },
      (message) => state().setRowsError(message),
      quiet,
    );
    // Rows were deleted since: the page asked for is past the end now, show the last one.
    if (beyondEnd) {
      state().setOffset(pageInfo(0, limit, state().page?.total ?? 0, 0).lastOffset);
      await loadRows();
    }
  };

  return {
    async refresh() {
      if (!(await loadList())) return;
      if (!(await loadTables())) return;
      await loadRows();
    },
    async selectDb(db) {
      if (db === state().db && state().tables !== null) return;
      state().chooseDb(db);
      if (await loadTables()) await loadRows();
    },
    async selectTable(table) {
      state().chooseTable(table);
      await loadRows();
    },
    async goTo(offset) {
      state().setOffset(offset);
      await loadRows();
    },
    async setLimit(limit) {
      state().setLimit(limit);
      await loadRows();
    },
    async search(text) {
      state().setSearch(text);
      await loadRows();
    },
    async sortBy(column) {
      state().cycleSort(column);
      await loadRows();
    },
    async reloadRows() {
      await loadRows(true);
    },
  };
}
