import type { ModelSchema } from '../model-schema';
import type { ExistingTable } from '../schema-migration';
import type { SqlDialect } from '../session';
import { REGISTRY_TABLE, fieldKinds, parseRegistered, type Registered } from './sqlite-model-registry';
import { STORAGE_OF_PG } from './postgres-dialect';

/** Runs one statement and resolves with its rows as objects (the engine logs it). */
export type PgRun = (sql: string, params?: readonly unknown[]) => Promise<Record<string, unknown>[]>;

/** The table named `table` (case-insensitively, like SQLite) in `schema`, or null. */
export async function introspectPgTable(
  run: PgRun,
  schema: string,
  table: string,
): Promise<ExistingTable | null> {
  const found = await run(
    'SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace ' +
      "WHERE n.nspname = $1 AND c.relkind = 'r' AND lower(c.relname) = lower($2) ORDER BY c.relname LIMIT 1",
    [schema, table],
  );
  if (found.length === 0) return null;
  const name = String(found[0]!.name);
  const columns = await run(
    'SELECT column_name AS name, data_type AS type, is_nullable AS nullable, column_default AS dflt, ' +
      'is_identity AS ident FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position',
    [schema, name],
  );
  const constraints = await run(
    "SELECT con.contype AS kind, array_to_string(array_agg(a.attname ORDER BY k.ord), ',') AS cols " +
      'FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace ' +
      'CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord) ' +
      'JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum ' +
      "WHERE n.nspname = $1 AND c.relname = $2 AND con.contype IN ('p', 'u') GROUP BY con.oid, con.contype",
    [schema, name],
  );
  const pk = (constraints.find((c) => c.kind === 'p')?.cols as string | undefined)?.split(',') ?? [];
  const unique = new Set<string>();
  for (const c of constraints) {
    const cols = String(c.cols).split(',');
    if (c.kind === 'u' && cols.length === 1) unique.add(cols[0]!.toLowerCase());
  }
  return {
    name,
    columns: columns.map((c) => ({
      name: String(c.name),
      type: STORAGE_OF_PG[String(c.type)] ?? String(c.type).toUpperCase(),
      notNull: c.nullable === 'NO',
      pk: pk.indexOf(String(c.name)) + 1,
      defaultSql: c.dflt === null && c.ident !== 'YES' ? null : String(c.dflt ?? 'identity'),
    })),
    unique,
  };
}

/** The ORM's registry table in a schema (see sqlite-model-registry.ts: the same record). */
export function registryCreateSql(dialect: SqlDialect): string {
  return `CREATE TABLE IF NOT EXISTS ${dialect.table(REGISTRY_TABLE)} ("table_name" TEXT PRIMARY KEY NOT NULL, "fields" TEXT NOT NULL, "version" BIGINT NOT NULL DEFAULT 1)`;
}

/** The record of a table, or null (none yet). */
export async function readPgRegistered(
  run: PgRun,
  dialect: SqlDialect,
  table: string,
): Promise<Registered | null> {
  const rows = await run(
    `SELECT "fields", "version" FROM ${dialect.table(REGISTRY_TABLE)} WHERE "table_name" = $1`,
    [table.toLowerCase()],
  );
  return parseRegistered(rows[0]);
}

/** Records the model's kinds and version (kinds of columns it dropped kept unless `dropOld`). */
export async function writePgRegistered(
  run: PgRun,
  dialect: SqlDialect,
  schema: ModelSchema,
  previous: Registered | null,
  dropOld = false,
): Promise<void> {
  const kinds = { ...(dropOld ? {} : (previous?.kinds ?? {})), ...fieldKinds(schema) };
  await run(
    `INSERT INTO ${dialect.table(REGISTRY_TABLE)} ("table_name", "fields", "version") VALUES ($1, $2, $3) ` +
      'ON CONFLICT ("table_name") DO UPDATE SET "fields" = excluded."fields", "version" = excluded."version"',
    [schema.table.toLowerCase(), JSON.stringify(kinds), schema.modelVersion],
  );
}

/** Model versions by table name (lower case), for the panel. */
export async function pgRegisteredVersions(run: PgRun, dialect: SqlDialect): Promise<Map<string, number>> {
  const rows = await run(`SELECT "table_name", "version" FROM ${dialect.table(REGISTRY_TABLE)}`);
  return new Map(rows.map((r) => [String(r.table_name), Number(r.version)]));
}
