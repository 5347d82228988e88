import '../logs/logs.css';
import '../logs/traces.css';
import './database.css';
import { useCallback, useEffect, useMemo } from 'react';
import { useApi } from '../../api/api-context';
import { formatCount } from '../../lib/format';
import { Icon } from '../../ui/Icon';
import { ViewHeader } from '../../ui/ViewHeader';
import type { ColumnInfo } from './cells';
import { databaseActions } from './database-actions';
import { useDatabaseStore, type CellRef } from './database-store';
import { DatabaseSidebar } from './DatabaseSidebar';
import { IntegrityCheck } from './IntegrityCheck';
import { Pager } from './Pager';
import { RowDrawer } from './RowDrawer';
import { RowsControls } from './RowsControls';
import { RowsGrid } from './RowsGrid';

function NoDatabases() {
  return (
    <div className="db-empty">
      <div className="db-empty-card">
        <div className="db-empty-icon">
          <Icon name="database" size={22} />
        </div>
        <h2>No databases yet</h2>
        <p>
          A guild database appears when a command first uses it — try <code>car add Roadster 300</code> in the{' '}
          <a href="#/console">Console</a>, then refresh. The global database appears the same way, the first
          time a command writes to it.
        </p>
        <p className="db-empty-note">
          Every guild gets its own SQLite file in the data dir; this view reads them and never writes.
        </p>
      </div>
    </div>
  );
}

/** Database: the SQLite files of the runtime, their tables and rows (read-only). */
export function DatabaseView() {
  const api = useApi();
  const actions = useMemo(() => databaseActions(api, useDatabaseStore), [api]);
  const databases = useDatabaseStore((s) => s.databases);
  const listError = useDatabaseStore((s) => s.listError);
  const db = useDatabaseStore((s) => s.db);
  const tables = useDatabaseStore((s) => s.tables);
  const tablesError = useDatabaseStore((s) => s.tablesError);
  const table = useDatabaseStore((s) => s.table);
  const page = useDatabaseStore((s) => s.page);
  const rowsError = useDatabaseStore((s) => s.rowsError);
  const offset = useDatabaseStore((s) => s.offset);
  const limit = useDatabaseStore((s) => s.limit);
  const loading = useDatabaseStore((s) => s.loading);
  const cell = useDatabaseStore((s) => s.cell);
  const openCell = useDatabaseStore((s) => s.openCell);
  const sort = useDatabaseStore((s) => s.sort);
  const searching = useDatabaseStore((s) => s.search.trim() !== '');
  const onSearch = useCallback((text: string) => void actions.search(text), [actions]);
  const onReload = useCallback(() => void actions.reloadRows(), [actions]);
  const onSort = useCallback((column: string) => void actions.sortBy(column), [actions]);

  // Fresh data whenever the view opens, and after a reconnect while it is open.
  useEffect(() => {
    void actions.refresh();
    return api.onConnection((s) => {
      if (s.state === 'connected') void actions.refresh();
    });
  }, [api, actions]);

  const tableInfo = tables?.find((t) => t.name === table) ?? null;
  const columns = useMemo(
    () => new Map<string, ColumnInfo>((tableInfo?.columns ?? []).map((c) => [c.name, c])),
    [tableInfo],
  );
  const close = useCallback(() => openCell(null), [openCell]);
  const select = useCallback((ref: CellRef) => openCell(ref), [openCell]);
  const busy = loading.list || loading.tables || loading.rows;
  const shownPage = page && page.table === table ? page : null;
  const total = shownPage?.total ?? tableInfo?.rows ?? 0;

  return (
    <section className="view" aria-label="Database">
      <ViewHeader
        title="Database"
        subtitle={
          databases ? (
            <span data-testid="db-counts">
              {databases.length === 0
                ? 'No databases'
                : `${databases.length} ${databases.length === 1 ? 'database' : 'databases'}`}{' '}
              · read-only
            </span>
          ) : undefined
        }
      >
        <button
          type="button"
          className="button"
          onClick={() => void actions.refresh()}
          disabled={busy}
          aria-label="Refresh"
        >
          <Icon name="refresh" size={13} className={busy ? 'spin' : undefined} />
          Refresh
        </button>
        <IntegrityCheck db={db} />
      </ViewHeader>
      {databases === null ? (
        <div className={listError ? 'view-message error' : 'view-message'}>
          {listError ? `Could not list the databases: ${listError}` : 'Loading databases…'}
        </div>
      ) : databases.length === 0 ? (
        <>
          {listError && <div className="callout warn db-top-callout">Last refresh failed: {listError}</div>}
          <NoDatabases />
        </>
      ) : (
        <div className="db-body">
          <DatabaseSidebar
            databases={databases}
            db={db}
            tables={tables}
            tablesError={tablesError}
            table={table}
            loadingTables={loading.tables}
            onSelectDb={(id) => void actions.selectDb(id)}
            onSelectTable={(name) => void actions.selectTable(name)}
          />
          <div className="db-main">
            {listError && <div className="callout warn db-top-callout">Last refresh failed: {listError}</div>}
            {table === null ? (
              <div className="view-message db-no-table">
                {tables === null
                  ? tablesError
                    ? 'Pick another database, or refresh.'
                    : 'Loading tables…'
                  : 'This database has no tables yet: they are created when a command first saves a model in it.'}
              </div>
            ) : (
              <>
                <div className="toolbar db-toolbar" role="toolbar" aria-label="Table">
                  <div className="db-table-title">
                    <Icon name="table" size={14} />
                    <h2 className="mono">{table}</h2>
                    <span className="dim" data-testid="table-summary">
                      {searching && shownPage?.tableTotal !== undefined
                        ? `${formatCount(total)} of ${formatCount(shownPage.tableTotal)} rows match`
                        : `${formatCount(total)} ${total === 1 ? 'row' : 'rows'}`}
                      {tableInfo && ` · ${tableInfo.columns.length} columns`}
                    </span>
                  </div>
                  <RowsControls key={`${db}/${table}`} onSearch={onSearch} onReload={onReload} />
                  <span className="toolbar-spacer" />
                  <Pager
                    offset={offset}
                    limit={limit}
                    total={total}
                    shown={shownPage?.rows.length ?? 0}
                    onGoTo={(o) => void actions.goTo(o)}
                    onLimit={(n) => void actions.setLimit(n)}
                  />
                </div>
                {rowsError && (
                  <div className="callout err db-top-callout" role="alert">
                    <Icon name="alert" size={14} />
                    <span>
                      Could not read {table}: {rowsError}
                    </span>
                  </div>
                )}
                <div className="log-pane db-grid-pane">
                  <div className={loading.rows ? 'db-grid-scroll loading' : 'db-grid-scroll'}>
                    {shownPage ? (
                      <>
                        <RowsGrid
                          page={shownPage}
                          columns={columns}
                          selected={cell}
                          onOpen={select}
                          sort={sort}
                          onSort={onSort}
                        />
                        {shownPage.rows.length === 0 && (
                          <div className="db-grid-empty">
                            {shownPage.total > 0
                              ? 'No rows on this page.'
                              : searching
                                ? 'No row matches the search.'
                                : `${table} has no rows.`}
                          </div>
                        )}
                      </>
                    ) : (
                      !rowsError && <div className="view-message">Loading rows…</div>
                    )}
                  </div>
                  {shownPage && cell && (
                    <RowDrawer
                      page={shownPage}
                      columns={columns}
                      cell={cell}
                      onSelect={select}
                      onClose={close}
                    />
                  )}
                </div>
                <footer className="statusbar">
                  <span className="mono">
                    {db} / {table}
                  </span>
                  <span className="dim">read-only</span>
                  <span>click a cell to see the whole row · click a column name to sort</span>
                </footer>
              </>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
