import type { DatabaseFileDto, TableInfoDto } from '../../../shared/dto/database';
import { formatBytes, formatCount } from '../../lib/format';
import { CopyButton } from '../../ui/CopyButton';
import { Icon } from '../../ui/Icon';
import { GuildPrefix } from './GuildPrefix';

/** What a database id stands for, for the picker. */
export function describeDb(id: string): string {
  if (id === 'global') return 'shared by every guild';
  if (id === 'console') return 'the panel console';
  const dash = id.indexOf('-');
  return dash > 0 ? `${id.slice(0, dash)} guild ${id.slice(dash + 1)}` : 'guild';
}

/** The database picker with its file, and the list of its tables. */
export function DatabaseSidebar({
  databases,
  db,
  tables,
  tablesError,
  table,
  loadingTables,
  onSelectDb,
  onSelectTable,
}: {
  databases: DatabaseFileDto[];
  db: string | null;
  tables: TableInfoDto[] | null;
  tablesError: string | null;
  table: string | null;
  loadingTables: boolean;
  onSelectDb: (db: string) => void;
  onSelectTable: (table: string) => void;
}) {
  const current = databases.find((d) => d.id === db) ?? null;
  return (
    <aside className="db-sidebar">
      <div className="db-picker">
        <label className="db-picker-label" htmlFor="db-picker">
          Database
        </label>
        <select
          id="db-picker"
          aria-label="Database"
          value={db ?? ''}
          onChange={(e) => onSelectDb(e.target.value)}
        >
          {databases.map((d) => (
            <option key={d.id} value={d.id}>
              {d.id} — {formatBytes(d.size)}
            </option>
          ))}
        </select>
        {current && (
          <>
            <div className="db-file">
              <span className="mono db-file-path" title={current.file}>
                <span dir="ltr">{current.file}</span>
              </span>
              <CopyButton text={current.file} label="file path" />
            </div>
            <div className="db-file-meta">
              <span>{describeDb(current.id)}</span>
              <span className="dot-sep">·</span>
              <span className="mono">{formatBytes(current.size)}</span>
              <span className="dot-sep">·</span>
              <span
                className={current.open ? 'db-open' : 'dim'}
                title={
                  current.open
                    ? 'Opened by the runtime since it started'
                    : 'Not opened by the runtime since it started'
                }
              >
                {current.open ? 'open' : 'not open'}
              </span>
            </div>
            <GuildPrefix db={current.id} />
          </>
        )}
      </div>
      <div className="db-tables-head">
        <span>Tables</span>
        {tables && <span className="seg-count">{tables.length}</span>}
      </div>
      {tablesError && (
        <div className="callout err db-callout" role="alert">
          <Icon name="alert" size={13} />
          <span>Could not list the tables: {tablesError}</span>
        </div>
      )}
      {tables === null ? (
        !tablesError && <div className="db-side-empty">{loadingTables ? 'Loading…' : ''}</div>
      ) : tables.length === 0 ? (
        <div className="db-side-empty">No tables yet.</div>
      ) : (
        <ul className="db-tables" aria-label="Tables">
          {tables.map((t) => {
            const selected = t.name === table;
            return (
              <li key={t.name}>
                <button
                  type="button"
                  className={selected ? 'db-table selected' : 'db-table'}
                  aria-current={selected ? 'true' : undefined}
                  onClick={() => onSelectTable(t.name)}
                  data-table={t.name}
                >
                  <span className="db-table-line">
                    <Icon name="table" size={12} />
                    <span className="db-table-name">{t.name}</span>
                    <span className="db-table-rows" data-testid="table-rows">
                      {formatCount(t.rows)} {t.rows === 1 ? 'row' : 'rows'}
                    </span>
                    {t.modelVersion != null && (
                      <span className="db-table-version" title="model version" data-testid="table-version">
                        v{t.modelVersion}
                      </span>
                    )}
                  </span>
                  <span
                    className="db-table-cols"
                    title={t.columns.map((c) => `${c.name} ${c.type}`).join(', ')}
                  >
                    {t.columns.map((c) => c.name).join(' · ') || 'no columns'}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </aside>
  );
}
