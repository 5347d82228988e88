import { ModelDefinitionError } from './errors';
import type { StorageValue } from './fields/field';

/** Turns a column's old stored value (and the whole old row) into the new field's value. */
export type ConvertValue = (old: unknown, row: Readonly<Record<string, StorageValue>>) => unknown;

/** What one migration step may say about the table, besides the new model definition itself. */
export interface MigrationBuilder {
  /** The column `from` is now the field `to` (its values move over). */
  renameColumn(from: string, to: string): MigrationBuilder;
  /** The column is gone (also true of any column the model no longer has). */
  dropColumn(name: string): MigrationBuilder;
  /**
   * The field's values are computed from the old ones: a type change, a new NOT NULL field
   * filled from other columns, a cleanup. Runs once per row; the result is validated.
   */
  convert(field: string, fn: ConvertValue): MigrationBuilder;
}

/** The step that brings a table to one version: `migrate: { 2: (m) => m.renameColumn('a', 'b') }`. */
export type MigrationStep = (m: MigrationBuilder) => void;

/** Checks `version` and `migrate` of a model definition. */
export function checkMigrations(
  name: string,
  version: unknown,
  migrate: unknown,
): { modelVersion: number; migrations: ReadonlyMap<number, MigrationStep> } {
  const modelVersion = version === undefined ? 1 : version;
  if (typeof modelVersion !== 'number' || !Number.isSafeInteger(modelVersion) || modelVersion < 1)
    throw new ModelDefinitionError(`model ${name}: version must be an integer ≥ 1, got ${String(version)}`);
  const migrations = new Map<number, MigrationStep>();
  if (migrate !== undefined) {
    if (migrate === null || typeof migrate !== 'object')
      throw new ModelDefinitionError(`model ${name}: migrate must be an object of steps by version`);
    for (const [key, step] of Object.entries(migrate)) {
      const v = Number(key);
      if (!Number.isSafeInteger(v) || v < 2 || v > modelVersion)
        throw new ModelDefinitionError(
          `model ${name}: migrate step "${key}" must be a version from 2 to ${modelVersion} (the model's version)`,
        );
      if (typeof step !== 'function')
        throw new ModelDefinitionError(`model ${name}: migrate step ${v} must be a function (m) => …`);
      migrations.set(v, step as MigrationStep);
    }
  }
  return { modelVersion, migrations };
}
