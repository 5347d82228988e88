import { SchemaError } from './errors';
import type { ConvertValue, MigrationBuilder } from './migration-steps';
import type { StorageValue } from './fields/field';
import type { ModelSchema } from './model-schema';

/** The source of a column that a step dropped. */
const DROPPED = '\0dropped';

/** Every step from one version to another, folded into one rebuild of the table. */
export interface MigrationOps {
  /** Current field name (lower case) → the old column it comes from (lower case). */
  readonly source: ReadonlyMap<string, string>;
  /** Current field name (lower case) → conversions, oldest first. */
  readonly converts: ReadonlyMap<string, readonly ConvertValue[]>;
}

/** Runs the steps `from + 1 … to` of a model against a builder; SchemaError when one is missing or throws. */
export function collectSteps(schema: ModelSchema, from: number, to: number): MigrationOps {
  const source = new Map<string, string>();
  const converts = new Map<string, ConvertValue[]>();
  const lower = (s: unknown): string => {
    if (typeof s !== 'string' || s === '') throw new Error(`a column name must be text, got ${String(s)}`);
    return s.toLowerCase();
  };
  const builder: MigrationBuilder = {
    renameColumn(from, to) {
      const f = lower(from);
      const t = lower(to);
      source.set(t, source.get(f) ?? f);
      source.set(f, DROPPED);
      const moved = converts.get(f);
      converts.delete(f);
      if (moved) converts.set(t, moved);
      return builder;
    },
    dropColumn(name) {
      source.set(lower(name), DROPPED);
      converts.delete(lower(name));
      return builder;
    },
    convert(field, fn) {
      if (typeof fn !== 'function') throw new Error(`convert(${String(field)}) needs a function`);
      const list = converts.get(lower(field)) ?? [];
      list.push(fn);
      converts.set(lower(field), list);
      return builder;
    },
  };
  for (let v = from + 1; v <= to; v++) {
    const step = schema.migrations.get(v);
    if (step === undefined)
      throw new SchemaError(
        schema.name,
        null,
        `cannot migrate table ${schema.table} from version ${from} to ${to}: model ${schema.name} has no migrate step for version ${v}`,
      );
    try {
      step(builder);
    } catch (err) {
      throw new SchemaError(
        schema.name,
        null,
        `cannot migrate table ${schema.table} to version ${v}: its migrate step failed: ${(err as Error).message}`,
      );
    }
  }
  return { source, converts };
}

/**
 * A column's value in the migrated table, stored form: taken from its old column (renames
 * followed), converted, validated, defaulted. Throws naming the row when it cannot be had.
 */
export function migratedValue(
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
