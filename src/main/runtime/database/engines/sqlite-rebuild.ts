import type Sqlite from 'better-sqlite3';
import { SchemaError } from '../errors';
import type { StorageValue } from '../fields/field';
import type { MigrationOps } from '../migration';
import type { ModelSchema } from '../model-schema';
import { quoteIdent } from '../names';
import { createTableSql } from '../sql/ddl';
import { quoteAnyIdent } from './sqlite-introspect';

const DROPPED = '\0dropped';

/** A column's value in the rebuilt table, stored form. */
function newValue(
  schema: ModelSchema,
  column: ModelSchema['columns'][number],
  row: Record<string, StorageValue>,
  byLower: Map<string, string>,
  ops: MigrationOps,
  rowNo: number,
): StorageValue {
  const name = column.name.toLowerCase();
  const from = ops.source.get(name) ?? name;
  const original = from === DROPPED ? undefined : byLower.get(from);
  let value: StorageValue | undefined = original === undefined ? undefined : row[original];
  const f = column.field;
  const fns = ops.converts.get(name);
  if (fns !== undefined) {
    let converted: unknown = value;
    for (const fn of fns) converted = fn(converted, row);
    if (converted === undefined || converted === null) value = converted as undefined | null;
    else {
      const problem = f.validate(converted);
      if (problem !== undefined)
        throw new Error(`row ${rowNo}: the converted value of ${column.name} is not valid: ${problem}`);
      value = f.passthrough ? (converted as StorageValue) : f.serialize(converted);
    }
  }
  if (value === undefined && f.hasDefault) {
    const d = f.initialValue();
    value = d === null ? null : f.passthrough ? (d as StorageValue) : f.serialize(d);
  }
  if (value === undefined || value === null) {
    if (f.isNullable || f.isAutoIncrement) return null;
    throw new Error(
      `row ${rowNo}: ${column.name} would be NULL but the field is NOT NULL (give it a Default, or convert(${JSON.stringify(column.name)}, …) to compute it)`,
    );
  }
  return value;
}

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
    const params = schema.columns.map((c) => newValue(schema, c, row, byLower, ops, i + 1));
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
