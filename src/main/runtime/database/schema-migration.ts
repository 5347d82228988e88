import { SchemaError } from './errors';
import type { ModelSchema } from './model-schema';
import type { ColumnDef } from './model-schema';
import { addColumnSql, createTableSql } from './sql/ddl';

/** The DDL an engine writes for a model's table. */
export interface TableDdl {
  createTable(schema: ModelSchema): string;
  addColumn(schema: ModelSchema, column: ColumnDef): string;
}

/** SQLite's DDL (the default). */
export const SQLITE_DDL: TableDdl = {
  createTable: (schema) => createTableSql(schema),
  addColumn: addColumnSql,
};

/** A column as the database reports it. */
export interface ExistingColumn {
  name: string;
  /** Storage type, upper case (`TEXT`, `INTEGER`, `REAL`, `BLOB`; engines map their own types to these). */
  type: string;
  notNull: boolean;
  /** Position in the primary key (1-based), 0 when not part of it. */
  pk: number;
  /** The DEFAULT expression as written, or null. */
  defaultSql: string | null;
}

export interface ExistingTable {
  name: string;
  columns: ExistingColumn[];
  /** Columns with a single-column UNIQUE constraint. */
  unique: Set<string>;
}

export interface MigrationPlan {
  /** DDL to run, in order (empty when the table already matches). */
  statements: string[];
  created: boolean;
  addedColumns: string[];
  /** Columns in the table the model no longer has (kept, ignored). */
  ignoredColumns: string[];
}

const lower = (s: string): string => s.toLowerCase();

/**
 * What registering `schema` against the table on disk needs: nothing, CREATE TABLE, or ALTER
 * TABLE … ADD COLUMN for new fields that are nullable or have a default. Anything else that
 * differs (type, nullability, primary key, uniqueness, a new NOT NULL column without default)
 * throws a SchemaError naming the model and column: those need a migration by hand.
 */
export function planMigration(
  schema: ModelSchema,
  existing: ExistingTable | null,
  recordedKinds: Readonly<Record<string, string>> | null = null,
  ddl: TableDdl = SQLITE_DDL,
): MigrationPlan {
  if (!existing)
    return { statements: [ddl.createTable(schema)], created: true, addedColumns: [], ignoredColumns: [] };
  const model = schema.name;
  const where = `table "${existing.name}"`;
  const refuse = (column: string | null, message: string): never => {
    throw new SchemaError(
      model,
      column,
      `cannot register model ${model}${column ? ` (column ${column})` : ''}: ${message}. The ORM does not change this on its own; migrate the table by hand or use a new table name.`,
    );
  };
  const onDisk = new Map(existing.columns.map((c) => [lower(c.name), c]));

  const diskPk = existing.columns
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => lower(c.name));
  const modelPk = schema.primaryKey.map((c) => lower(c.name));
  if (diskPk.join(',') !== modelPk.join(',')) {
    const removed = diskPk.find((c) => !modelPk.includes(c));
    const added = modelPk.find((c) => !diskPk.includes(c));
    refuse(
      removed ?? added ?? modelPk[0] ?? null,
      `the primary key of ${where} is (${diskPk.join(', ') || 'none'}) but the model declares (${modelPk.join(', ')})`,
    );
  }

  const statements: string[] = [];
  const addedColumns: string[] = [];
  for (const column of schema.columns) {
    const f = column.field;
    const found = onDisk.get(lower(column.name));
    if (!found) {
      if (f.isUnique) refuse(column.name, `a new UNIQUE column cannot be added to the existing ${where}`);
      if (!f.isNullable && !f.hasDefault)
        refuse(
          column.name,
          `the new column is NOT NULL without a default, so the rows already in ${where} would have no value (give the field Default(…) or null: true)`,
        );
      statements.push(ddl.addColumn(schema, column));
      addedColumns.push(column.name);
      continue;
    }
    if (found.type !== f.storage)
      refuse(column.name, `its type changed from ${found.type || 'none'} to ${f.storage}`);
    const recorded = recordedKinds?.[lower(column.name)];
    if (recorded !== undefined && recorded !== f.typeName)
      refuse(
        column.name,
        `its field kind changed from ${recorded} to ${f.typeName} (the same ${f.storage} storage, but the stored values would be read differently)`,
      );
    if (!f.isPrimaryKey && found.notNull === f.isNullable)
      refuse(
        column.name,
        f.isNullable
          ? `the field became nullable but the column in ${where} is NOT NULL`
          : `the field became NOT NULL but the column in ${where} allows NULL`,
      );
    const uniqueOnDisk = existing.unique.has(lower(found.name));
    if (!f.isPrimaryKey && uniqueOnDisk !== f.isUnique)
      refuse(column.name, f.isUnique ? 'Unique() was added to an existing column' : 'Unique() was removed');
  }

  const ignoredColumns: string[] = [];
  for (const c of existing.columns) {
    if (schema.columns.some((m) => lower(m.name) === lower(c.name))) continue;
    if (c.notNull && c.defaultSql === null)
      refuse(
        c.name,
        `the field was removed from the model, but the column in ${where} is NOT NULL without a default, so inserts would fail`,
      );
    ignoredColumns.push(c.name);
  }
  return { statements, created: false, addedColumns, ignoredColumns };
}
