import { SchemaError } from '../errors';
import type { StorageValue } from '../fields/field';
import { collectSteps, migratedValue } from '../migration';
import type { ModelSchema } from '../model-schema';
import { quoteIdent } from '../names';
import type { SqlDialect } from '../session';
import type { PgRun } from './postgres-catalog';

const CHUNK = 500;

/**
 * Brings a table from version `from` to the model's: a new table with the model's definition,
 * every row copied through the migration's renames and conversions, the old table dropped and
 * the new one renamed — the caller runs it in a transaction, so a failure leaves nothing
 * changed. Returns the rows copied.
 */
export async function migratePgTable(
  run: PgRun,
  dialect: SqlDialect,
  ddl: { createTableNamed(schema: ModelSchema, name: string): string },
  schema: ModelSchema,
  onDisk: string,
  from: number,
  dbId: string,
): Promise<number> {
  const to = schema.modelVersion;
  const ops = collectSteps(schema, from, to);
  const tmp = `_protos_rebuild_${schema.table}`;
  const fail = (message: string): never => {
    throw new SchemaError(
      schema.name,
      null,
      `cannot migrate table ${schema.table} of database ${dbId} from version ${from} to ${to}: ${message}. Nothing was changed; fix the model's migrate steps`,
    );
  };
  await run(`DROP TABLE IF EXISTS ${dialect.table(tmp)}`);
  await run(ddl.createTableNamed(schema, tmp));
  const rows = (await run(`SELECT * FROM ${dialect.table(onDisk)}`)) as Record<string, StorageValue>[];
  const names = rows.length > 0 ? Object.keys(rows[0]!) : [];
  const byLower = new Map(names.map((n) => [n.toLowerCase(), n]));
  const cols = schema.columns.map((c) => quoteIdent(c.name));
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const params: StorageValue[] = [];
    const tuples = chunk.map((row, i) => {
      const marks = schema.columns.map((c) => {
        try {
          params.push(migratedValue(c, row, byLower, ops, start + i + 1));
        } catch (err) {
          fail((err as Error).message);
        }
        return dialect.param(params.length);
      });
      return `(${marks.join(', ')})`;
    });
    try {
      await run(
        `INSERT INTO ${dialect.table(tmp)} (${cols.join(', ')}) OVERRIDING SYSTEM VALUE VALUES ${tuples.join(', ')}`,
        params,
      );
    } catch (err) {
      fail(`rows ${start + 1}–${start + chunk.length}: ${(err as Error).message}`);
    }
  }
  await run(`DROP TABLE ${dialect.table(onDisk)}`);
  await run(`ALTER TABLE ${dialect.table(tmp)} RENAME TO ${quoteIdent(schema.table)}`);
  if (schema.auto !== null) {
    const auto = quoteIdent(schema.auto.name);
    await run(
      `SELECT setval(pg_get_serial_sequence($1, $2), GREATEST((SELECT MAX(${auto}) FROM ${dialect.table(schema.table)}), 1))`,
      [dialect.table(schema.table), schema.auto.name],
    );
  }
  return rows.length;
}
