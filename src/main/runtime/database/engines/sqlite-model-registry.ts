import type Sqlite from 'better-sqlite3';
import type { ModelSchema } from '../model-schema';

/**
 * The ORM's own table in every database: per model table, the field kind of each column as it
 * was registered. The declared SQL type alone cannot tell an IntegerField from a BooleanField
 * (both INTEGER) or a TextField from a DateTimeField (both TEXT); this record can.
 */
export const REGISTRY_TABLE = '_protos_models';

const CREATE = `CREATE TABLE IF NOT EXISTS "${REGISTRY_TABLE}" ("table_name" TEXT PRIMARY KEY NOT NULL, "fields" TEXT NOT NULL)`;

type Run = <T>(sql: string, run: (stmt: Sqlite.Statement) => T) => T;

/** Field kinds by column name (lower case), as the model declares them. */
export function fieldKinds(schema: ModelSchema): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of schema.columns) out[c.name.toLowerCase()] = c.field.typeName;
  return out;
}

/** The kinds recorded for a table, or null (a table from before the registry, or none yet). */
export function readKinds(run: Run, table: string): Record<string, string> | null {
  const exists = run(
    "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?",
    (stmt) => stmt.pluck().get(REGISTRY_TABLE) !== undefined,
  );
  if (!exists) return null;
  const text = run(`SELECT "fields" FROM "${REGISTRY_TABLE}" WHERE "table_name" = ?`, (stmt) =>
    stmt.pluck().get(table.toLowerCase()),
  );
  if (typeof text !== 'string') return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, string>) : null;
  } catch {
    return null;
  }
}

/**
 * Records the model's kinds, keeping those of columns the model no longer has (they stay in
 * the table, and a field of that name coming back must have the same kind).
 */
export function writeKinds(
  exec: (sql: string) => void,
  run: Run,
  schema: ModelSchema,
  previous: Record<string, string> | null,
): void {
  exec(CREATE);
  const kinds = { ...(previous ?? {}), ...fieldKinds(schema) };
  run(
    `INSERT INTO "${REGISTRY_TABLE}" ("table_name", "fields") VALUES (?, ?) ON CONFLICT ("table_name") DO UPDATE SET "fields" = excluded."fields"`,
    (stmt) => stmt.run(schema.table.toLowerCase(), JSON.stringify(kinds)),
  );
}
