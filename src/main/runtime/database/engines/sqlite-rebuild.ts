import type Sqlite from 'better-sqlite3';
import { SchemaError } from '../errors';
import type { StorageValue } from '../fields/field';
import { migratedValue, type MigrationOps } from '../migration';
import type { ModelSchema } from '../model-schema';
import { quoteIdent } from '../names';
import { createTableSql } from '../sql/ddl';
import { quoteAnyIdent } from './sqlite-introspect';

/**
 * SQLite's table rebuild (what ALTER TABLE cannot do: type, nullability, key, constraint
 * changes): a new table with the model's definition, every row copied over through the
 * migration's renames and conversions, the old table dropped and the new one renamed. The
 * caller runs it inside a transaction with foreign keys off. Returns the rows copied.
 */
export function rebuildTable(
  db: Sqlite.Database,
  schema: ModelSchema,
  onDisk: string,
  ops: MigrationOps,
): number {
  const tmp = `_protos_rebuild_${schema.table}`;
  db.exec(`DROP TABLE IF EXISTS ${quoteIdent(tmp)}`);
  db.exec(createTableSql(schema, tmp));
  const rows = db.prepare(`SELECT * FROM ${quoteAnyIdent(onDisk)}`).all() as Record<string, StorageValue>[];
  const names = rows.length > 0 ? Object.keys(rows[0]!) : [];
  const byLower = new Map(names.map((n) => [n.toLowerCase(), n]));
  const cols = schema.columns.map((c) => quoteIdent(c.name));
  const insert = db.prepare(
    `INSERT INTO ${quoteIdent(tmp)} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
  );
  rows.forEach((row, i) => {
    const params = schema.columns.map((c) => migratedValue(c, row, byLower, ops, i + 1));
    try {
      insert.run(...params);
    } catch (err) {
      throw new SchemaError(schema.name, null, `row ${i + 1}: ${(err as Error).message}`);
    }
  });
  db.exec(`DROP TABLE ${quoteAnyIdent(onDisk)}`);
  db.exec(`ALTER TABLE ${quoteIdent(tmp)} RENAME TO ${quoteIdent(schema.table)}`);
  return rows.length;
}
