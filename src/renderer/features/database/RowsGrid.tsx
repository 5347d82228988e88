import type { RowsPageDto } from '../../../shared/dto/database';
import { Icon } from '../../ui/Icon';
import { describeCell, isNumericColumn, type ColumnInfo } from './cells';
import type { CellRef, RowsSort } from './database-store';

function hintsOf(column: ColumnInfo | undefined): string {
  if (!column) return '';
  return [column.type || 'no type', column.primaryKey ? 'primary key' : '', column.notNull ? 'not null' : '']
    .filter(Boolean)
    .join(' · ');
}

function ColumnHeader({
  name,
  column,
  sort,
  onSort,
}: {
  name: string;
  column: ColumnInfo | undefined;
  sort: RowsSort | null;
  onSort: ((column: string) => void) | undefined;
}) {
  const dir = sort?.column === name ? sort.dir : null;
  const label = (
    <div className="col-name">
      {column?.primaryKey && <Icon name="key" size={11} className="col-pk-icon" />}
      <span>{name}</span>
      {dir && (
        <span className="col-sort" aria-hidden="true">
          {dir === 'asc' ? '▲' : '▼'}
        </span>
      )}
    </div>
  );
  return (
    <th
      className={isNumericColumn(column) ? 'num' : undefined}
      title={`${name}: ${hintsOf(column)}`}
      scope="col"
      aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : undefined}
    >
      {onSort ? (
        <button
          type="button"
          className="col-sort-button"
          onClick={() => onSort(name)}
          aria-label={`Sort by ${name}${dir === 'asc' ? ', descending' : dir === 'desc' ? ', table order' : ''}`}
        >
          {label}
        </button>
      ) : (
        label
      )}
      {column && (
        <div className="col-hints">
          <span className="col-type">{column.type || 'ANY'}</span>
          {column.primaryKey && <span className="col-flag pk">PK</span>}
          {column.notNull && !column.primaryKey && <span className="col-flag">NOT NULL</span>}
        </div>
      )}
    </th>
  );
}

/**
 * One page of rows: a row number, then every column with its type hints. Every cell is text
 * (React escapes it): NULL dimmed, numbers right-aligned, long text cut short, blobs as their size.
 */
export function RowsGrid({
  page,
  columns,
  selected,
  onOpen,
  sort = null,
  onSort,
}: {
  page: RowsPageDto;
  /** The sort the page was asked with; clicking a header asks for another (`onSort`). */
  sort?: RowsSort | null;
  onSort?: (column: string) => void;
  /** Column metadata from `database.tables`, by name (may lag behind the page). */
  columns: ReadonlyMap<string, ColumnInfo>;
  selected: CellRef | null;
  onOpen: (cell: CellRef) => void;
}) {
  const infos = page.columns.map((name) => columns.get(name));
  return (
    <table className="data-table db-grid" aria-label={`Rows of ${page.table}`}>
      <thead>
        <tr>
          <th className="num row-num" scope="col">
            #
          </th>
          {page.columns.map((name, i) => (
            <ColumnHeader key={`${i}:${name}`} name={name} column={infos[i]} sort={sort} onSort={onSort} />
          ))}
        </tr>
      </thead>
      <tbody>
        {page.rows.map((row, r) => {
          const rowSelected = selected?.row === r;
          return (
            <tr
              key={page.offset + r}
              className={rowSelected ? 'selected' : undefined}
              aria-selected={rowSelected}
              tabIndex={0}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  onOpen({ row: r, column: selected?.row === r ? selected.column : 0 });
                }
              }}
            >
              <td className="num row-num">{page.offset + r + 1}</td>
              {page.columns.map((name, c) => {
                const view = describeCell(row[c] ?? null, infos[c]);
                const cls = [
                  `cell cell-${view.kind}`,
                  view.numeric ? 'num' : '',
                  view.clipped ? 'clipped' : '',
                  rowSelected && selected?.column === c ? 'cell-selected' : '',
                ]
                  .filter(Boolean)
                  .join(' ');
                return (
                  <td
                    key={`${c}:${name}`}
                    className={cls}
                    data-column={name}
                    title={view.clipped ? 'Click to see the whole value' : undefined}
                    onClick={() => onOpen({ row: r, column: c })}
                  >
                    {view.kind === 'blob' ? <span className="blob-chip">{view.text}</span> : view.text}
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
