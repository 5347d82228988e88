import { AIConstraint, PKConstraint } from './constraints';
import { ModelDefinitionError } from './errors';
import { Field, type AnyField, type StorageValue } from './fields/field';
import { IntegerFieldType } from './fields/builtin';
import { compileCodec, type ModelCodec } from './model-codec';
import { checkIdentifier } from './names';
import { checkMigrations, type MigrationStep } from './migration-steps';

/** One column of a model: its name and field. */
export interface ColumnDef {
  readonly name: string;
  readonly field: AnyField;
}

/** Everything the ORM knows about a model, computed once when it is defined. */
export interface ModelSchema {
  /** The model's name (messages). */
  readonly name: string;
  readonly table: string;
  /** Every column, the implicit `id` first when there is one. */
  readonly columns: readonly ColumnDef[];
  readonly byName: ReadonlyMap<string, ColumnDef>;
  readonly primaryKey: readonly ColumnDef[];
  /** The column the database assigns on insert (AutoIncrement or the implicit id), or null. */
  readonly auto: ColumnDef | null;
  readonly implicitId: boolean;
  /** Columns an INSERT always carries: every column except `auto`. */
  readonly insertColumns: readonly ColumnDef[];
  /**
   * The optimistic-concurrency column (`versionField`), or null: every save checks that it still
   * holds the value the record was loaded with and stores that value + 1.
   */
  readonly version: ColumnDef | null;
  /** The model's version (`version` option, default 1): tables of older versions are migrated. */
  readonly modelVersion: number;
  /** The migrate steps by the version they lead to. */
  readonly migrations: ReadonlyMap<number, MigrationStep>;
  /** For each UPDATE parameter (insert columns, then the auto column), its index in `columns`. */
  readonly paramColumns: readonly number[];
  /** A string equal for two models with the same definition (used across command reloads). */
  readonly signature: string;
  /** Specialised init/encode/hydrate functions (internal). */
  readonly codec: ModelCodec;
}

/** Names a field may not have: they are the record's own methods. */
const RESERVED = new Set(['save', 'delete', 'isBound', 'toJSON', 'onCreate', 'constructor', 'prototype']);

export interface ModelOptions {
  /** Table name (default: the model's name). */
  table?: string;
  /**
   * An integer field (not nullable, with a Default, not part of the key) the ORM uses for
   * optimistic concurrency: a save of a record whose row was saved by someone else since it was
   * loaded fails with ConflictError instead of overwriting their change.
   */
  versionField?: string;
  /**
   * The model's version (default 1). A table recorded at an older version is migrated when the
   * model is registered: the steps `migrate[old + 1] … migrate[version]` run, then the table is
   * rebuilt to the model's definition in one transaction, its rows copied over.
   */
  version?: number;
  /** Migration steps by the version they lead to (2 … version). */
  migrate?: Record<number, MigrationStep>;
}

function signatureValue(field: AnyField): StorageValue | undefined {
  if (!field.hasDefault) return undefined;
  const value = field.defaultValue;
  if (value === null) return null;
  const stored = field.serialize(value);
  return stored instanceof Uint8Array ? Buffer.from(stored).toString('hex') : stored;
}

/** Checks a model definition and computes its schema; throws ModelDefinitionError naming the problem. */
export function buildSchema(
  name: string,
  fields: Readonly<Record<string, unknown>>,
  options: ModelOptions = {},
  reservedExtra: Iterable<string> = [],
): ModelSchema {
  checkIdentifier('model', name);
  const table = checkIdentifier('table', options.table ?? name);
  if (fields === null || typeof fields !== 'object')
    throw new ModelDefinitionError(`model ${name}: fields must be an object of Field instances`);
  const reserved = new Set([...RESERVED, ...reservedExtra]);
  const columns: ColumnDef[] = [];
  const seen = new Set<string>();
  for (const [key, field] of Object.entries(fields)) {
    checkIdentifier(`field (${name}.${key})`, key);
    if (reserved.has(key) || key in Object.prototype)
      throw new ModelDefinitionError(
        `model ${name}: "${key}" cannot be a field name (it is a record method)`,
      );
    if (!(field instanceof Field))
      throw new ModelDefinitionError(
        `model ${name}: ${key} is not a field (use TextField(), IntegerField(), … or a Field subclass)`,
      );
    const lower = key.toLowerCase();
    if (seen.has(lower))
      throw new ModelDefinitionError(
        `model ${name}: two fields named "${key}" (names are case-insensitive in SQL)`,
      );
    seen.add(lower);
    columns.push({ name: key, field });
  }

  for (const c of columns)
    if (c.field.isAutoIncrement && !c.field.isPrimaryKey)
      throw new ModelDefinitionError(
        `model ${name}: AutoIncrement() needs PK() on the same field, and it must be the only primary key field (${c.name})`,
      );

  let implicitId = false;
  if (!columns.some((c) => c.field.isPrimaryKey)) {
    if (seen.has('id'))
      throw new ModelDefinitionError(
        `model ${name}: a field named "id" needs PK(): without an explicit primary key the ORM adds an integer "id" itself`,
      );
    implicitId = true;
    columns.unshift({
      name: 'id',
      field: new IntegerFieldType({ constraints: [new PKConstraint(), new AIConstraint()] }),
    });
  }

  const primaryKey = columns.filter((c) => c.field.isPrimaryKey);
  const autos = columns.filter((c) => c.field.isAutoIncrement);
  if (autos.length > 1)
    throw new ModelDefinitionError(`model ${name}: only one field can have AutoIncrement()`);
  const auto = autos[0] ?? null;
  if (auto) {
    if (!auto.field.isPrimaryKey || primaryKey.length !== 1)
      throw new ModelDefinitionError(
        `model ${name}: AutoIncrement() needs PK() on the same field, and it must be the only primary key field (${auto.name})`,
      );
    if (auto.field.storage !== 'INTEGER')
      throw new ModelDefinitionError(`model ${name}: AutoIncrement() needs an integer field (${auto.name})`);
    if (auto.field.hasDefault)
      throw new ModelDefinitionError(
        `model ${name}: an AutoIncrement() field cannot have a Default() (${auto.name})`,
      );
  }
  for (const c of columns) {
    const f = c.field;
    if (f.isPrimaryKey && f.isNullable)
      throw new ModelDefinitionError(`model ${name}: primary key field ${c.name} cannot be nullable`);
    if (f.hasDefault) {
      const v = f.defaultValue;
      if (v === null) {
        if (!f.isNullable)
          throw new ModelDefinitionError(`model ${name}: Default(null) on ${c.name}, which is not nullable`);
      } else {
        const problem = f.validate(v);
        if (problem) throw new ModelDefinitionError(`model ${name}: Default() of ${c.name}: ${problem}`);
      }
    }
  }

  let version: ColumnDef | null = null;
  if (options.versionField !== undefined) {
    const v = columns.find((c) => c.name === options.versionField);
    if (!v)
      throw new ModelDefinitionError(
        `model ${name}: versionField ${JSON.stringify(options.versionField)} is not one of its fields`,
      );
    const f = v.field;
    if (!(f instanceof IntegerFieldType) || f.isNullable || f.isPrimaryKey || !f.hasDefault)
      throw new ModelDefinitionError(
        `model ${name}: the versionField ${v.name} must be an IntegerField with a Default (e.g. Default(0)), not nullable and not part of the primary key`,
      );
    version = v;
  }
  const { modelVersion, migrations } = checkMigrations(name, options.version, options.migrate);
  const insertColumns = columns.filter((c) => c !== auto);
  const paramColumns = [...insertColumns, ...(auto ? [auto] : [])].map((c) => columns.indexOf(c));

  const signature = JSON.stringify([
    table,
    columns.map((c) => [
      c.name,
      c.field.storage,
      c.field.typeName,
      c.field.isNullable,
      c.field.isPrimaryKey,
      c.field.isAutoIncrement,
      c.field.isUnique,
      signatureValue(c.field) ?? '<none>',
    ]),
    version?.name ?? null,
    modelVersion,
  ]);
  const schema: Omit<ModelSchema, 'codec'> = {
    name,
    table,
    columns,
    byName: new Map(columns.map((c) => [c.name, c])),
    primaryKey,
    auto,
    implicitId,
    insertColumns,
    version,
    modelVersion,
    migrations,
    paramColumns,
    signature,
  };
  const codec = compileCodec(schema as ModelSchema);
  return Object.freeze({ ...schema, codec });
}
