import type { CellDto, TableInfoDto } from '../../../shared/dto/database';
import { formatCount } from '../../lib/format';

export type ColumnInfo = TableInfoDto['columns'][number];

/** SQLite's type affinity of a declared column type (https://sqlite.org/datatype3.html §3.1). */
export type Affinity = 'integer' | 'text' | 'blob' | 'real' | 'numeric';

export function affinityOf(declared: string): Affinity {
  const type = declared.toUpperCase();
  if (type.includes('INT')) return 'integer';
  if (type.includes('CHAR') || type.includes('CLOB') || type.includes('TEXT')) return 'text';
  if (type.includes('BLOB') || type.trim() === '') return 'blob';
  if (type.includes('REAL') || type.includes('FLOA') || type.includes('DOUB')) return 'real';
  return 'numeric';
}

export function isNumericColumn(column: ColumnInfo | undefined): boolean {
  if (!column) return false;
  const affinity = affinityOf(column.type);
  return affinity === 'integer' || affinity === 'real' || affinity === 'numeric';
}

/** Characters of a text cell shown in the grid; the full value is in the row drawer. */
export const GRID_TEXT_LIMIT = 160;

export type CellKind = 'null' | 'number' | 'text' | 'bool' | 'blob';

export interface CellView {
  kind: CellKind;
  /** One line for the grid (shortened, line breaks shown as ⏎). */
  text: string;
  /** The whole value as text (what Copy copies); null for a blob. */
  full: string | null;
  /** Shown right-aligned (numbers). */
  numeric: boolean;
  /** The grid shows less than the whole value. */
  clipped: boolean;
  /** For a blob: its size and base64 when the runtime sent it (at most 4 KiB). */
  blob: { size: number; base64: string | null } | null;
}

/** Integers beyond ±2^53 and non-finite reals arrive as strings. */
const NUMBER_AS_STRING = /^[-+]?(\d+(\.\d+)?([eE][-+]?\d+)?|Infinity|NaN)$/;

/** How a cell appears: always as text (React escapes it), never as markup. */
export function describeCell(cell: CellDto, column?: ColumnInfo): CellView {
  if (cell === null)
    return { kind: 'null', text: 'NULL', full: null, numeric: false, clipped: false, blob: null };
  if (typeof cell === 'number') {
    const text = String(cell);
    return { kind: 'number', text, full: text, numeric: true, clipped: false, blob: null };
  }
  if (typeof cell === 'boolean') {
    const text = String(cell);
    return { kind: 'bool', text, full: text, numeric: false, clipped: false, blob: null };
  }
  if (typeof cell === 'string') {
    if (isNumericColumn(column) && NUMBER_AS_STRING.test(cell)) {
      return { kind: 'number', text: cell, full: cell, numeric: true, clipped: false, blob: null };
    }
    const oneLine = cell.replace(/\r?\n/g, ' ⏎ ');
    const clipped = oneLine.length > GRID_TEXT_LIMIT || oneLine !== cell;
    const text = oneLine.length > GRID_TEXT_LIMIT ? `${oneLine.slice(0, GRID_TEXT_LIMIT)}…` : oneLine;
    return { kind: 'text', text, full: cell, numeric: false, clipped, blob: null };
  }
  const { size, base64 } = cell.blob;
  return {
    kind: 'blob',
    text: `BLOB ${formatCount(size)} byte${size === 1 ? '' : 's'}`,
    full: null,
    numeric: false,
    clipped: false,
    blob: { size, base64 },
  };
}

/** A row as a JSON object (column → value; blobs as their base64 or size), for Copy row. */
export function rowAsJson(columns: readonly string[], row: readonly CellDto[]): string {
  const out: Record<string, unknown> = {};
  columns.forEach((name, i) => {
    const cell = row[i] ?? null;
    out[name] =
      cell !== null && typeof cell === 'object'
        ? (cell.blob.base64 ?? `<blob ${cell.blob.size} bytes>`)
        : cell;
  });
  return JSON.stringify(out, null, 2);
}
