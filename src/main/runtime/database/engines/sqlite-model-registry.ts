import type Sqlite from 'better-sqlite3';
import { SchemaError } from '../errors';
import type { ModelSchema } from '../model-schema';

/**
 * The ORM's own table in every database: per model table, the field kind of each column as it
 * was registered and the model version the table has. The declared SQL type alone cannot tell
 * an IntegerField from a BooleanField (both INTEGER) or a TextField from a DateTimeField (both
 * TEXT); this record can. The version decides which of a model's migrations a table still needs.
 */
export const REGISTRY_TABLE = '_protos_models';

const CREATE = `CREATE TABLE IF NOT EXISTS "${REGISTRY_TABLE}" ("table_name" TEXT PRIMARY KEY NOT NULL, "fields" TEXT NOT NULL, "version" INTEGER NOT NULL DEFAULT 1)`;

type Run = <T>(sql: string, run: (stmt: Sqlite.Statement) => T) => T;

/** What the registry holds for one table. */
export interface Registered {
  /** Field kinds by column name (lower case). */
  kinds: Record<string, string>;
  version: number;
}

/** Field kinds by column name (lower case), as the model declares them. */
export function fieldKinds(schema: ModelSchema): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of schema.columns) out[c.name.toLowerCase()] = c.field.typeName;
  return out;
}

function registryExists(run: Run): boolean {
  return run(
    "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?",
    (stmt) => stmt.pluck().get(REGISTRY_TABLE) !== undefined,
  );
}

/**
 * The version a registered table is at (1 when the registry has no row for it); a SchemaError
 * when it is newer than the model's: older code must not write to a table it does not know.
 */
export function storedVersion(
  schema: ModelSchema,
  tableName: string,
  registered: Registered | null,
  dbId: string,
): number {
  const stored = registered?.version ?? 1;
  if (stored > schema.modelVersion)
    throw new SchemaError(
      schema.name,
      null,
      `cannot register model ${schema.name}: table ${tableName} of database ${dbId} is at version ${stored}, newer than the model's version ${schema.modelVersion} (is this older code?)`,
    );
  return stored;
}

/** True when the table's registry row must be written: the table changed, or the row is missing or out of date. */
export function registryStale(
  schema: ModelSchema,
  registered: Registered | null,
  tableChanged: boolean,
): boolean {
  if (tableChanged || registered === null || registered.version !== schema.modelVersion) return true;
  const kinds = fieldKinds(schema);
  return Object.keys(kinds).some((c) => registered.kinds[c] !== kinds[c]);
}

/** A registry row (either engine's) as a record; null when missing or unreadable. */
export function parseRegistered(row: { fields?: unknown; version?: unknown } | undefined): Registered | null {
  if (row === undefined || typeof row.fields !== 'string') return null;
  try {
    const parsed: unknown = JSON.parse(row.fields);
    if (parsed === null || typeof parsed !== 'object') return null;
    return { kinds: parsed as Record<string, string>, version: Number(row.version) || 1 };
  } catch {
    return null;
  }
}

/** The record of a table, or null (a table from before the registry, or none yet). */
export function readRegistered(run: Run, table: string): Registered | null {
  if (!registryExists(run)) return null;
  const row = run(`SELECT "fields", "version" FROM "${REGISTRY_TABLE}" WHERE "table_name" = ?`, (stmt) =>
    stmt.get(table.toLowerCase()),
  ) as { fields: unknown; version: unknown } | undefined;
  return parseRegistered(row);
}

/** Model versions by table name (lower case), for the panel. */
export function registeredVersions(run: Run): Map<string, number> {
  if (!registryExists(run)) return new Map();
  const rows = run(`SELECT "table_name", "version" FROM "${REGISTRY_TABLE}"`, (stmt) => stmt.all()) as {
    table_name: string;
    version: number;
  }[];
  return new Map(rows.map((r) => [r.table_name, Number(r.version)]));
}

/**
 * Records the model's kinds and version, keeping the kinds of columns the model no longer has
 * (they stay in the table, and a field of that name coming back must have the same kind) unless
 * `dropped` lists them (a migration rebuilt the table without them).
 */
export function writeRegistered(
  exec: (sql: string) => void,
  run: Run,
  schema: ModelSchema,
  previous: Registered | null,
  dropOld = false,
): void {
  exec(CREATE);
  const columns = run(`SELECT name FROM pragma_table_info(?)`, (stmt) => stmt.pluck().all(REGISTRY_TABLE));
  // a registry from before versions were recorded
  if (!columns.includes('version'))
    exec(`ALTER TABLE "${REGISTRY_TABLE}" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1`);
  const kinds = { ...(dropOld ? {} : (previous?.kinds ?? {})), ...fieldKinds(schema) };
  run(
    `INSERT INTO "${REGISTRY_TABLE}" ("table_name", "fields", "version") VALUES (?, ?, ?) ON CONFLICT ("table_name") DO UPDATE SET "fields" = excluded."fields", "version" = excluded."version"`,
    (stmt) => stmt.run(schema.table.toLowerCase(), JSON.stringify(kinds), schema.modelVersion),
  );
}
