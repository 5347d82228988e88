import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { DatabaseFileDto, RowsPageDto, TableInfoDto } from '../../../shared/dto/database';
import { MAX_ROWS_PAGE } from '../../../shared/dto/database';

export const PAGE_SIZES = [10, 25, 50, 100, 250, MAX_ROWS_PAGE] as const;
/** Live refresh choices (ms; 0 is off). */
export const REFRESH_INTERVALS = [0, 2_000, 5_000, 30_000] as const;

export interface RowsSort {
  column: string;
  dir: 'asc' | 'desc';
}
export const DEFAULT_PAGE_SIZE = 50;

/** The cell the operator opened: a row of the current page and one of its columns. */
export interface CellRef {
  row: number;
  column: number;
}

export interface DatabaseState {
  /** The database files; null until the first answer. */
  databases: DatabaseFileDto[] | null;
  listError: string | null;
  /** The chosen database id. */
  db: string | null;
  /** Tables of `db`; null while unknown. */
  tables: TableInfoDto[] | null;
  tablesError: string | null;
  /** The chosen table of `db`. */
  table: string | null;
  /** The rows shown (of `db`/`table`); kept while the next page loads. */
  page: RowsPageDto | null;
  rowsError: string | null;
  /** First row asked for, and the page size. */
  offset: number;
  limit: number;
  loading: { list: boolean; tables: boolean; rows: boolean };
  cell: CellRef | null;
  /** Rows where any column contains this (done by the runtime); '' for all. */
  search: string;
  sort: RowsSort | null;
  /** Re-read the rows shown this often (ms); 0 for never. */
  refreshEvery: number;

  setDatabases(list: DatabaseFileDto[]): void;
  setListError(error: string | null): void;
  /** Choose a database: its tables and rows are unknown until they load. */
  chooseDb(db: string | null): void;
  setTables(db: string, tables: TableInfoDto[]): void;
  setTablesError(error: string | null): void;
  /** Choose a table (or none): back to the first page. */
  chooseTable(table: string | null): void;
  setOffset(offset: number): void;
  setLimit(limit: number): void;
  setPage(page: RowsPageDto): void;
  setRowsError(error: string | null): void;
  setLoading(kind: keyof DatabaseState['loading'], loading: boolean): void;
  openCell(cell: CellRef | null): void;
  /** New search: back to the first page. */
  setSearch(search: string): void;
  /** Sort by a column: ascending, then descending, then table order again. */
  cycleSort(column: string): void;
  setRefreshEvery(ms: number): void;
}

export type DatabaseStore = UseBoundStore<StoreApi<DatabaseState>>;

export function createDatabaseStore(): DatabaseStore {
  return create<DatabaseState>()((set, get) => ({
    databases: null,
    listError: null,
    db: null,
    tables: null,
    tablesError: null,
    table: null,
    page: null,
    rowsError: null,
    offset: 0,
    limit: DEFAULT_PAGE_SIZE,
    loading: { list: false, tables: false, rows: false },
    cell: null,
    search: '',
    sort: null,
    refreshEvery: 0,

    setDatabases: (databases) => set({ databases, listError: null }),
    setListError: (listError) => set({ listError }),
    chooseDb: (db) =>
      set(
        db === get().db
          ? {}
          : {
              db,
              tables: null,
              tablesError: null,
              table: null,
              page: null,
              rowsError: null,
              offset: 0,
              cell: null,
              search: '',
              sort: null,
            },
      ),
    setTables: (db, tables) => {
      if (db !== get().db) return;
      set({ tables, tablesError: null });
    },
    setTablesError: (tablesError) => set({ tablesError }),
    chooseTable: (table) =>
      set(
        table === get().table
          ? {}
          : { table, page: null, rowsError: null, offset: 0, cell: null, search: '', sort: null },
      ),
    setOffset: (offset) => set({ offset: Math.max(0, offset), cell: null }),
    setLimit: (limit) => {
      const size = Math.min(MAX_ROWS_PAGE, Math.max(1, Math.floor(limit)));
      // Stay on the page that contains the first row shown so far.
      set({ limit: size, offset: Math.floor(get().offset / size) * size, cell: null });
    },
    setPage: (page) => {
      const { db, table, tables } = get();
      if (page.db !== db || page.table !== table) return;
      // The count in the table list follows the newest page (rows come and go while it is open).
      const rows = page.tableTotal ?? page.total;
      const patched = tables?.map((t) => (t.name === page.table && t.rows !== rows ? { ...t, rows } : t));
      set({ page, rowsError: null, ...(patched ? { tables: patched } : {}) });
    },
    setRowsError: (rowsError) => set({ rowsError }),
    setLoading: (kind, loading) => set({ loading: { ...get().loading, [kind]: loading } }),
    openCell: (cell) => set({ cell }),
    setSearch: (search) => set(search === get().search ? {} : { search, offset: 0, cell: null }),
    cycleSort: (column) => {
      const sort = get().sort;
      const next: RowsSort | null =
        sort?.column !== column
          ? { column, dir: 'asc' }
          : sort.dir === 'asc'
            ? { column, dir: 'desc' }
            : null;
      set({ sort: next, offset: 0, cell: null });
    },
    setRefreshEvery: (refreshEvery) => set({ refreshEvery: Math.max(0, refreshEvery) }),
  }));
}

export interface PageInfo {
  /** 1-based page number and page count (at least 1). */
  page: number;
  pages: number;
  /** 1-based first and last row shown; 0 and 0 when there are none. */
  from: number;
  to: number;
  /** Offset of the last page. */
  lastOffset: number;
}

export function pageInfo(offset: number, limit: number, total: number, shown: number): PageInfo {
  const pages = Math.max(1, Math.ceil(total / limit));
  return {
    page: Math.min(pages, Math.floor(offset / limit) + 1),
    pages,
    from: shown > 0 ? offset + 1 : 0,
    to: shown > 0 ? offset + shown : 0,
    lastOffset: (pages - 1) * limit,
  };
}

export const useDatabaseStore: DatabaseStore = createDatabaseStore();
