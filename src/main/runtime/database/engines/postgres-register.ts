import type { ModelSchema } from '../model-schema';
import { planMigration, type MigrationPlan, type TableDdl } from '../schema-migration';
import type { SqlDialect } from '../session';
import { introspectPgTable, readPgRegistered, writePgRegistered, type PgRun } from './postgres-catalog';
import { migratePgTable } from './postgres-migrate';
import { registryStale, storedVersion } from './sqlite-model-registry';

export interface RegisterContext {
  /** Runs a statement on the registration's own transaction. */
  run: PgRun;
  dialect: SqlDialect;
  ddl: TableDdl & { createTableNamed(schema: ModelSchema, name: string): string };
  schemaName: string;
  dbId: string;
}

/**
 * Registers a model's table inside the caller's transaction: one registration of a table at a
 * time (an advisory lock, across processes too), the model's migrations when the table is at an
 * older version, then CREATE TABLE / ADD COLUMN as planned, and the registry record. Throws a
 * SchemaError for changes it will not make; the caller's rollback then leaves nothing changed.
 */
export async function registerPgTable(
  ctx: RegisterContext,
  schema: ModelSchema,
): Promise<MigrationPlan & { migrated: { from: number; rows: number } | null }> {
  const run = ctx.run;
  // one registration of a table at a time, across processes too
  await run('SELECT pg_advisory_xact_lock(hashtext($1))', [
    `${ctx.schemaName}.${schema.table.toLowerCase()}`,
  ]);
  let migrated: { from: number; rows: number } | null = null;
  let existing = await introspectPgTable(run, ctx.schemaName, schema.table);
  let registered = existing === null ? null : await readPgRegistered(run, ctx.dialect, schema.table);
  const stored = existing === null ? 1 : storedVersion(schema, existing.name, registered, ctx.dbId);
  if (existing !== null && stored < schema.modelVersion) {
    const rows = await migratePgTable(run, ctx.dialect, ctx.ddl, schema, existing.name, stored, ctx.dbId);
    await writePgRegistered(run, ctx.dialect, schema, registered, true);
    migrated = { from: stored, rows };
    existing = await introspectPgTable(run, ctx.schemaName, schema.table);
    registered = await readPgRegistered(run, ctx.dialect, schema.table);
  }
  const migration = planMigration(schema, existing, registered?.kinds ?? null, ctx.ddl);
  for (const sql of migration.statements) await run(sql);
  if (registryStale(schema, registered, migration.statements.length > 0))
    await writePgRegistered(run, ctx.dialect, schema, registered);
  return { ...migration, migrated };
}
