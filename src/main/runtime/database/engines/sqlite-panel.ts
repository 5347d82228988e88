import type { RowsPage, TableInfo } from '../engine';
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

/** A page of a user table's rows as JSON-safe cells; QueryError for a table that is not one. */
export function readRows(
  once: RunStatement,
  dbId: string,
  table: string,
  offset: number,
  limit: number,
): RowsPage {
  const name = userTables(once).find((t) => t === table);
  if (name === undefined) throw new QueryError(`database ${dbId} has no table ${JSON.stringify(table)}`);
  const quoted = quoteAnyIdent(name);
  const withoutRowid = once('SELECT wr FROM pragma_table_list(?)', (stmt) => stmt.pluck().get(name));
  const order = withoutRowid === 1 ? '' : ' ORDER BY rowid';
  const { columns, rows } = once(`SELECT * FROM ${quoted}${order} LIMIT ? OFFSET ?`, (stmt) => {
    const raw = stmt.safeIntegers(true).raw(true);
    return { columns: raw.columns().map((c) => c.name), rows: raw.all(limit, offset) as unknown[][] };
  });
  const total = Number(once(`SELECT COUNT(*) FROM ${quoted}`, (stmt) => stmt.pluck().get()));
  return { table: name, columns, rows: rows.map((r) => r.map(toCell)), offset, total };
}
