import type { RowsPage, RowsView, TableInfo } from '../engine';
import { checkedSort, containsPattern } from './panel-rows-view';
import { toCell } from './cells';
import { QueryError } from '../errors';
import { REGISTRY_TABLE, registeredVersions } from './sqlite-model-registry';
import { quoteAnyIdent, type RunStatement } from './sqlite-introspect';

/** The user tables (not SQLite's, not the ORM's registry), by name. */
function userTables(once: RunStatement): string[] {
  return once(
    "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> ? ORDER BY name",
    (stmt) => stmt.pluck().all(REGISTRY_TABLE) as string[],
  );
}

/** Every user table with its row count, columns and model version (the panel's Database view). */
export function listTables(once: RunStatement): TableInfo[] {
  const versions = registeredVersions(once);
  return userTables(once).map((name) => {
    const columns = once(
      'SELECT name, type, "notnull" AS nn, pk FROM pragma_table_info(?)',
      (stmt) => stmt.all(name) as { name: string; type: string; nn: number; pk: number }[],
    );
    const rows = Number(once(`SELECT COUNT(*) FROM ${quoteAnyIdent(name)}`, (stmt) => stmt.pluck().get()));
    return {
      name,
      rows,
      columns: columns.map((c) => ({
        name: c.name,
        type: c.type,
        notNull: c.nn === 1,
        primaryKey: c.pk > 0,
      })),
      modelVersion: versions.get(name.toLowerCase()) ?? null,
    };
  });
}

/**
 * A page of a user table's rows as JSON-safe cells, optionally searched (any column's text
 * contains the words, case-insensitive for ASCII) and sorted by one column; QueryError for a
 * table or column that is not one. Names only ever come from the database's own catalogue.
 */
export function readRows(
  once: RunStatement,
  dbId: string,
  table: string,
  offset: number,
  limit: number,
  view: RowsView = {},
): RowsPage {
  const name = userTables(once).find((t) => t === table);
  if (name === undefined) throw new QueryError(`database ${dbId} has no table ${JSON.stringify(table)}`);
  const quoted = quoteAnyIdent(name);
  const columns = once('SELECT name FROM pragma_table_info(?)', (stmt) => stmt.pluck().all(name) as string[]);
  const sort = checkedSort(view, columns, dbId, name);
  const pattern = containsPattern(view.search);
  const where = pattern
    ? ` WHERE ${columns.map((c) => `CAST(${quoteAnyIdent(c)} AS TEXT) LIKE ? ESCAPE '\\'`).join(' OR ')}`
    : '';
  const params = pattern ? columns.map(() => pattern) : [];
  const withoutRowid = once('SELECT wr FROM pragma_table_list(?)', (stmt) => stmt.pluck().get(name));
  const keys = [
    ...(sort ? [`${quoteAnyIdent(sort.column)} ${sort.dir}`] : []),
    ...(withoutRowid === 1 ? [] : ['rowid']),
  ];
  const order = keys.length ? ` ORDER BY ${keys.join(', ')}` : '';
  const page = once(`SELECT * FROM ${quoted}${where}${order} LIMIT ? OFFSET ?`, (stmt) => {
    const raw = stmt.safeIntegers(true).raw(true);
    return {
      columns: raw.columns().map((c) => c.name),
      rows: raw.all(...params, limit, offset) as unknown[][],
    };
  });
  const count = (sql: string, args: unknown[]): number =>
    Number(once(sql, (stmt) => stmt.pluck().get(...args)));
  const total = count(`SELECT COUNT(*) FROM ${quoted}${where}`, params);
  return {
    table: name,
    columns: page.columns,
    rows: page.rows.map((r) => r.map(toCell)),
    offset,
    total,
    ...(pattern ? { tableTotal: count(`SELECT COUNT(*) FROM ${quoted}`, []) } : {}),
  };
}
