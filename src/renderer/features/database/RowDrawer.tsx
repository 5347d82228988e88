import { useEffect, useRef } from 'react';
import type { RowsPageDto } from '../../../shared/dto/database';
import { formatCount } from '../../lib/format';
import { CopyButton } from '../../ui/CopyButton';
import { Icon } from '../../ui/Icon';
import { describeCell, rowAsJson, type CellView, type ColumnInfo } from './cells';
import type { CellRef } from './database-store';

/** Base64 shown in the drawer before "…" (Copy copies all of it). */
const BASE64_PREVIEW = 96;

function FieldValue({ view }: { view: CellView }) {
  if (view.kind === 'null') return <div className="field-value null">NULL</div>;
  if (view.blob) {
    const { size, base64 } = view.blob;
    return (
      <div className="field-value blob">
        <span className="blob-chip">{view.text}</span>
        {base64 !== null ? (
          <code className="blob-base64">
            {base64.length > BASE64_PREVIEW ? `${base64.slice(0, BASE64_PREVIEW)}…` : base64}
          </code>
        ) : (
          <span className="dim">Larger than 4 KiB: only the size is sent ({formatCount(size)} bytes).</span>
        )}
      </div>
    );
  }
  return <div className={`field-value ${view.kind}`}>{view.full}</div>;
}

/** The whole of one row: every column's full value, with copy buttons. */
export function RowDrawer({
  page,
  columns,
  cell,
  onSelect,
  onClose,
}: {
  page: RowsPageDto;
  columns: ReadonlyMap<string, ColumnInfo>;
  cell: CellRef;
  onSelect: (cell: CellRef) => void;
  onClose: () => void;
}) {
  const selectedRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  useEffect(() => {
    selectedRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [cell]);

  const row = page.rows[cell.row];
  if (!row) return null;
  const number = page.offset + cell.row + 1;
  return (
    <aside className="db-drawer" aria-label={`Row ${number}`}>
      <header className="drawer-header">
        <h2>Row {formatCount(number)}</h2>
        <span className="dim mono">{page.table}</span>
        <div className="drawer-actions">
          <button
            type="button"
            className="icon-button"
            aria-label="Previous row"
            title="Previous row"
            disabled={cell.row === 0}
            onClick={() => onSelect({ row: cell.row - 1, column: cell.column })}
          >
            <Icon name="up" size={14} />
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label="Next row"
            title="Next row"
            disabled={cell.row >= page.rows.length - 1}
            onClick={() => onSelect({ row: cell.row + 1, column: cell.column })}
          >
            <Icon name="down" size={14} />
          </button>
          <CopyButton text={rowAsJson(page.columns, row)} label="row as JSON" />
          <button type="button" className="icon-button" aria-label="Close row" onClick={onClose}>
            <Icon name="close" size={14} />
          </button>
        </div>
      </header>
      <div className="drawer-body db-fields">
        {page.columns.map((name, c) => {
          const column = columns.get(name);
          const view = describeCell(row[c] ?? null, column);
          const selected = c === cell.column;
          return (
            <div
              key={`${c}:${name}`}
              ref={selected ? selectedRef : undefined}
              className={selected ? 'db-field selected' : 'db-field'}
              data-field={name}
              onClick={() => onSelect({ row: cell.row, column: c })}
            >
              <div className="db-field-head">
                {column?.primaryKey && <Icon name="key" size={11} className="col-pk-icon" />}
                <span className="db-field-name">{name}</span>
                {column && <span className="col-type">{column.type || 'ANY'}</span>}
                {view.kind === 'text' && view.full !== null && (
                  <span className="db-field-len">{formatCount(view.full.length)} chars</span>
                )}
                <span className="db-field-spacer" />
                {view.full !== null && <CopyButton text={view.full} label={`${name} value`} />}
                {view.blob?.base64 && <CopyButton text={view.blob.base64} label={`${name} as base64`} />}
              </div>
              <FieldValue view={view} />
            </div>
          );
        })}
      </div>
    </aside>
  );
}
