import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { DatabaseFileDto, RowsPageDto, TableInfoDto } from '../../../shared/dto/database';
import { MAX_ROWS_PAGE } from '../../../shared/dto/database';

export const PAGE_SIZES = [10, 25, 50, 100, 250, MAX_ROWS_PAGE] as const;
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
            },
      ),
    setTables: (db, tables) => {
      if (db !== get().db) return;
      set({ tables, tablesError: null });
    },
    setTablesError: (tablesError) => set({ tablesError }),
    chooseTable: (table) =>
      set(table === get().table ? {} : { table, page: null, rowsError: null, offset: 0, cell: null }),
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
      const patched = tables?.map((t) =>
        t.name === page.table && t.rows !== page.total ? { ...t, rows: page.total } : t,
      );
      set({ page, rowsError: null, ...(patched ? { tables: patched } : {}) });
    },
    setRowsError: (rowsError) => set({ rowsError }),
    setLoading: (kind, loading) => set({ loading: { ...get().loading, [kind]: loading } }),
    openCell: (cell) => set({ cell }),
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
