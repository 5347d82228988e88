import { ModelDefinitionError } from '../errors';
import type { AnyField, StorageValue } from '../fields/field';
import type { ColumnDef, ModelSchema } from '../model-schema';
import { quoteIdent } from '../names';
import type { SqlDialect } from '../session';

/** SQLite's (and standard SQL's) blob literal. */
const hexBlob = (bytes: Uint8Array): string => `X'${Buffer.from(bytes).toString('hex')}'`;

/**
 * A stored value as an SQL literal, for DEFAULT clauses only (DDL cannot take parameters).
 * Defaults come from model code, not users, and are rendered strictly anyway: finite numbers,
 * quoted text with quotes doubled, blobs as `blob` writes them (X'hex' unless the dialect differs).
 */
export function sqlLiteral(value: StorageValue, blob: (bytes: Uint8Array) => string = hexBlob): string {
  if (value === null) return 'NULL';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ModelDefinitionError(`cannot use ${value} as a column default`);
    return String(value);
  }
  if (typeof value === 'string') {
    if (value.includes('\0')) throw new ModelDefinitionError('a text default cannot contain NUL characters');
    return `'${value.replace(/'/g, "''")}'`;
  }
  return blob(value);
}

/** The stored form of a field's default, for the DEFAULT clause; undefined when it has none. */
export function defaultLiteral(
  field: AnyField,
  literal: (value: StorageValue) => string = sqlLiteral,
): string | undefined {
  if (!field.hasDefault) return undefined;
  const value: unknown = field.defaultValue;
  return literal(value === null ? null : field.serialize(value));
}

/** One column definition: `"name" TYPE [NOT NULL] [PRIMARY KEY [AUTOINCREMENT]] [UNIQUE] [DEFAULT x]`. */
export function columnSql(schema: ModelSchema, column: ColumnDef): string {
  const f = column.field;
  let sql = `${quoteIdent(column.name)} ${f.storage}`;
  if (!f.isNullable) sql += ' NOT NULL';
  if (f.isPrimaryKey && schema.primaryKey.length === 1) {
    sql += ' PRIMARY KEY';
    if (f.isAutoIncrement) sql += ' AUTOINCREMENT';
  }
  if (f.isUnique && !f.isPrimaryKey) sql += ' UNIQUE';
  const def = defaultLiteral(f);
  if (def !== undefined) sql += ` DEFAULT ${def}`;
  return sql;
}

/** CREATE TABLE for the model (under `name` instead of its table when given: a rebuild). */
export function createTableSql(schema: ModelSchema, name: string = schema.table): string {
  return createTableWith(schema, quoteIdent(name), columnSql);
}

/** CREATE TABLE of `table` (already written as the dialect names tables), columns by `column`. */
export function createTableWith(
  schema: ModelSchema,
  table: string,
  column: (schema: ModelSchema, column: ColumnDef) => string,
): string {
  const parts = schema.columns.map((c) => column(schema, c));
  if (schema.primaryKey.length > 1)
    parts.push(`PRIMARY KEY (${schema.primaryKey.map((c) => quoteIdent(c.name)).join(', ')})`);
  return `CREATE TABLE IF NOT EXISTS ${table} (${parts.join(', ')})`;
}

export function addColumnSql(schema: ModelSchema, column: ColumnDef): string {
  return `ALTER TABLE ${quoteIdent(schema.table)} ADD COLUMN ${columnSql(schema, column)}`;
}

/** The statements a table needs for records, generated once per registered model. */
export interface RecordSql {
  /** INSERT of every column but the auto one. */
  insert: string;
  /** INSERT of every column (the auto one last), for records that set it themselves. */
  insertWithAuto: string | null;
  /** UPDATE of every column (auto last) by primary key. */
  update: string;
  delete: string;
}

export function recordSql(schema: ModelSchema, dialect: SqlDialect): RecordSql {
  const table = dialect.table(schema.table);
  const cols = schema.insertColumns.map((c) => quoteIdent(c.name));
  const marks = (n: number): string => Array.from({ length: n }, (_, i) => dialect.param(i + 1)).join(', ');
  const keyWhere = (first: number): string =>
    schema.primaryKey.map((c, i) => `${quoteIdent(c.name)} = ${dialect.param(first + i)}`).join(' AND ');
  const insert = cols.length
    ? `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${marks(cols.length)})`
    : `INSERT INTO ${table} DEFAULT VALUES`;
  const all = schema.auto ? [...cols, quoteIdent(schema.auto.name)] : cols;
  return {
    insert,
    insertWithAuto: schema.auto
      ? `INSERT INTO ${table} (${all.join(', ')}) VALUES (${marks(all.length)})`
      : null,
    update: `UPDATE ${table} SET ${all.map((c, i) => `${c} = ${dialect.param(i + 1)}`).join(', ')} WHERE ${keyWhere(all.length + 1)}`,
    delete: `DELETE FROM ${table} WHERE ${keyWhere(1)}`,
  };
}
