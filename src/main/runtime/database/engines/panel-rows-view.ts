import type { RowsView } from '../engine';
import { MAX_ROWS_SEARCH } from '../../../../shared/dto/database';
import { QueryError } from '../errors';

/** A LIKE pattern matching `search` anywhere, its wildcards escaped with `\`; null for no search. */
export function containsPattern(search: string | undefined): string | null {
  const text = search?.trim() ?? '';
  if (text === '') return null;
  if (text.length > MAX_ROWS_SEARCH)
    throw new QueryError(`a search is at most ${MAX_ROWS_SEARCH} characters`);
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The sort column of a view checked against the table's own columns (a name the table does not
 * have is a QueryError, never SQL), with its direction as SQL; null when unsorted.
 */
export function checkedSort(
  view: RowsView,
  columns: readonly string[],
  dbId: string,
  table: string,
): { column: string; dir: 'ASC' | 'DESC' } | null {
  if (!view.sort) return null;
  const column = columns.find((c) => c === view.sort!.column);
  if (column === undefined)
    throw new QueryError(
      `table ${JSON.stringify(table)} of database ${dbId} has no column ${JSON.stringify(view.sort.column)}`,
    );
  return { column, dir: view.sort.dir === 'desc' ? 'DESC' : 'ASC' };
}
