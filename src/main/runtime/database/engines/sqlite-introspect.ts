import type Sqlite from 'better-sqlite3';
import type { ExistingTable } from '../schema-migration';

/**
 * Any table name as a quoted identifier (double quotes doubled). Only for names read from the
 * database's own catalogue (the panel's view of tables the ORM did not create); model names go
 * through checkIdentifier/quoteIdent instead.
 */
export function quoteAnyIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

interface ColumnRow {
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
}

/** Runs one statement (the engine logs it). */
export type RunStatement = <T>(sql: string, run: (stmt: Sqlite.Statement) => T) => T;

/** The table as SQLite describes it, or null when there is none (names compare case-insensitively). */
export function introspectTable(query: RunStatement, table: string): ExistingTable | null {
  const name = query(
    "SELECT name FROM sqlite_schema WHERE type = 'table' AND name = ? COLLATE NOCASE",
    (stmt) => stmt.pluck().get(table) as string | undefined,
  );
  if (name === undefined) return null;
  const columns = query(
    'SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?)',
    (stmt) => stmt.all(name) as ColumnRow[],
  );
  const unique = new Set<string>();
  const indexes = query(
    'SELECT name, "unique", origin FROM pragma_index_list(?)',
    (stmt) => stmt.all(name) as { name: string; unique: number; origin: string }[],
  );
  for (const index of indexes) {
    if (index.unique !== 1 || index.origin !== 'u') continue;
    const cols = query(
      'SELECT name FROM pragma_index_info(?)',
      (stmt) => stmt.pluck().all(index.name) as string[],
    );
    if (cols.length === 1) unique.add(cols[0]!.toLowerCase());
  }
  return {
    name,
    columns: columns.map((c) => ({
      name: c.name,
      type: c.type.toUpperCase(),
      notNull: c.notnull === 1,
      pk: c.pk,
      defaultSql: c.dflt_value,
    })),
    unique,
  };
}
