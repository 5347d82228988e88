import {
  AIConstraint,
  DefaultConstraint,
  PKConstraint,
  UniqueConstraint,
  type Constraint,
} from '../constraints';
import { ModelDefinitionError } from '../errors';

/** How a value is stored: the column's declared type (SQLite storage classes). */
export type StorageType = 'TEXT' | 'INTEGER' | 'REAL' | 'BLOB';

/** What goes over the wire to the driver: bound as a parameter, never spliced into SQL. */
export type StorageValue = string | number | bigint | Uint8Array | null;

/** A check run at save(): return a message (or throw) to reject the value. */
export type FieldValidator<T> = (value: T) => string | undefined | void;

export interface FieldOptions<
  T = unknown,
  N extends boolean = boolean,
  C extends readonly Constraint[] = readonly Constraint[],
> {
  /** Allow NULL. Fields are NOT NULL unless this is true. */
  null?: N;
  /** PK(), AutoIncrement(), Unique(), Default(value). */
  constraints?: C;
  /** Extra checks at save(), after the type check. */
  validators?: readonly FieldValidator<NoInfer<T>>[];
}

declare const VALUE: unique symbol;
declare const PRIMARY: unique symbol;

/**
 * A column of a model. Subclass it for a custom type: set `storage`, implement `validate`
 * (type check of a non-null value: return a message when it is wrong) and, when the stored form
 * differs from the value, `serialize` / `deserialize`.
 *
 * ```ts
 * class PointField extends Field<{ x: number; y: number }> {
 *   readonly storage = 'TEXT';
 *   readonly typeName = 'a point';
 *   validate(v: unknown) { return isPoint(v) ? undefined : 'expected {x, y}'; }
 *   serialize(v: { x: number; y: number }) { return `${v.x},${v.y}`; }
 *   deserialize(raw: StorageValue) { const [x, y] = String(raw).split(',').map(Number); return { x, y }; }
 * }
 * ```
 */
export abstract class Field<T = unknown, N extends boolean = false, P extends boolean = false> {
  /** Type level only: what reading the field gives (`T`, or `T | null` when nullable). */
  declare readonly [VALUE]: [N] extends [false] ? T : T | null;
  /** Type level only: declared with PK(). */
  declare readonly [PRIMARY]: P;

  /** The column's storage type. */
  abstract readonly storage: StorageType;
  /** Used in messages: "expected <typeName>". */
  readonly typeName: string = 'a value';
  /**
   * True when serialize/deserialize are the identity: the ORM then skips calling them (the
   * built-in text and number fields). Leave false in custom fields.
   */
  readonly passthrough: boolean = false;
  /** Largest length (characters for text, bytes for blobs) or null. */
  readonly maxLength: number | null = null;

  isNullable: boolean;
  readonly isPrimaryKey: boolean;
  readonly isAutoIncrement: boolean;
  readonly isUnique: boolean;
  readonly hasDefault: boolean;
  readonly defaultValue: unknown;
  readonly validators: readonly FieldValidator<T>[];

  constructor(options: FieldOptions<T, N> = {}) {
    const constraints = options.constraints ?? [];
    for (const c of constraints)
      if (!(
        c instanceof PKConstraint ||
        c instanceof AIConstraint ||
        c instanceof UniqueConstraint ||
        c instanceof DefaultConstraint
      ))
        throw new ModelDefinitionError(
          `unknown constraint ${String(c)}: use PK(), AutoIncrement(), Unique() or Default(value)`,
        );
    this.isNullable = options.null === true;
    this.isPrimaryKey = constraints.some((c) => c instanceof PKConstraint);
    this.isAutoIncrement = constraints.some((c) => c instanceof AIConstraint);
    this.isUnique = constraints.some((c) => c instanceof UniqueConstraint);
    const defaults = constraints.filter((c): c is DefaultConstraint => c instanceof DefaultConstraint);
    if (defaults.length > 1) throw new ModelDefinitionError('a field can have one Default() only');
    this.hasDefault = defaults.length === 1;
    this.defaultValue = defaults[0]?.value;
    this.validators = (options.validators ?? []) as readonly FieldValidator<T>[];
  }

  /** Type check of a non-null value; a message when it is wrong. Custom fields implement it. */
  validate(_value: unknown): string | undefined {
    return undefined;
  }

  /**
   * @internal A JavaScript expression over the variable `v` that is true exactly when
   * `validate(v)` passes, for the ORM's generated fast path; null (the default, and for any
   * subclass that overrides validate) makes it call validate instead.
   */
  inlineCheck(_v: string): string | null {
    return null;
  }

  /** The stored form of a valid, non-null value. */
  serialize(value: T): StorageValue {
    return value as StorageValue;
  }

  /** The value from its stored form (never called for NULL). */
  deserialize(raw: StorageValue): T {
    return raw as T;
  }

  /** Length used against maxLength, or null when the value has none. */
  lengthOf(value: T): number | null {
    if (typeof value === 'string') return value.length;
    if (value instanceof Uint8Array) return value.byteLength;
    return null;
  }

  /** A fresh copy of the default for a new instance (mutable defaults are not shared). */
  initialValue(): unknown {
    if (!this.hasDefault) return this.isNullable && !this.isAutoIncrement ? null : undefined;
    const value = this.defaultValue;
    return value !== null && typeof value === 'object' ? structuredClone(value) : value;
  }

  /** Makes the field nullable (for custom field classes, whose options cannot carry the type). */
  nullable(): Field<T, true, P> {
    this.isNullable = true;
    return this as unknown as Field<T, true, P>;
  }
}

/** The TypeScript type reading a field gives. */
export type FieldValue<F> = F extends { readonly [VALUE]: infer V } ? V : never;

/** True when the field was declared with PK(). */
export type FieldIsPK<F> = F extends { readonly [PRIMARY]: infer P } ? P : false;

/** Any field, whatever its value type (for constraints on field maps). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyField = Field<any, boolean, boolean>;
