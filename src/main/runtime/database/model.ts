import { UnboundRecordError } from './errors';
import type { AnyField, FieldIsPK, FieldValue, StorageValue } from './fields/field';
import { buildSchema, type ModelOptions, type ModelSchema } from './model-schema';
import type { Session } from './session';

/** Where a record keeps the database handle it belongs to (internal). */
export const SESSION = Symbol('orm.session');
/** The stored primary key of a bound record, `undefined` while unbound (internal). */
export const KEY = Symbol('orm.key');
/** The transaction a record was inserted in, while its fate is open (internal). */
export const ORIGIN = Symbol('orm.origin');
/**
 * The stored values (column order) as last read or written, or null when unknown (a record
 * inserted and not saved since): save() writes only the fields that differ from it (internal).
 */
export const SNAPSHOT = Symbol('orm.snapshot');

/** A transaction as a record's insert sees it. */
export interface InsertOrigin {
  /** The insert was rolled back (its transaction or savepoint, or one around it, rolled back). */
  insertUndone(): boolean;
  /** The insert is committed for good. */
  insertFinal(): boolean;
}

/**
 * Where an insert happened: the transaction itself when the database assigned the auto field
 * (undoing the insert clears that field again), or `[transaction]` when the record brought its
 * own key. Kept on the record rather than in a journal on the transaction, so a long transaction
 * does not keep every record it inserted alive.
 */
export type Origin = InsertOrigin | { readonly keepFields: InsertOrigin };

declare const FIELDS: unique symbol;

let hydrating = false;

/**
 * Base class of every record. Define a model with `defineModel` (or extend what it returns to
 * add methods); get instances from a database with `db.new(Model)` or `db.query(Model)`.
 */
export abstract class Model {
  declare static readonly schema: ModelSchema;
  /** @internal the handle (engine or transaction) this record belongs to. */
  [SESSION]: Session | null = null;
  /** @internal the primary key it is stored under; undefined while unbound. */
  [KEY]: unknown = undefined;
  /** @internal the transaction that inserted it, until that is final. */
  [ORIGIN]: Origin | null = null;
  /** @internal the stored values as last read or written. */
  [SNAPSHOT]: readonly StorageValue[] | null = null;

  /** Optional pre-creation hook: `db.new(Model)` calls it on every new instance. */
  onCreate?(): void | Promise<void>;

  /**
   * Validates the values (types, null, lengths, validators) and stores the record: an INSERT the
   * first time (the instance becomes bound, and an auto-increment field gets its value), an
   * UPDATE afterwards of only the fields changed since the record was loaded or last saved (so
   * two commands changing different fields of one row do not undo each other's change). With
   * the model's `versionField`, a save of a row someone else saved meanwhile is a ConflictError.
   */
  save(): Promise<void> {
    const session = this[SESSION];
    if (!session) {
      const name = schemaOf(this).name;
      return Promise.reject(
        new UnboundRecordError(
          `${name}: this record belongs to no database; create it with db.new(${name}) or db.attach(record)`,
        ),
      );
    }
    return session.save(this);
  }

  /** Deletes the stored record; only on a bound record (one that was saved or loaded). */
  delete(): Promise<void> {
    const session = this[SESSION];
    if (currentKey(this) === undefined || !session) {
      const name = schemaOf(this).name;
      return Promise.reject(
        new UnboundRecordError(
          `cannot delete this ${name}: it is not stored in the database (an unbound instance; save() it first)`,
        ),
      );
    }
    return session.remove(this);
  }

  /** True while the instance stands for a stored row. */
  get isBound(): boolean {
    return currentKey(this) !== undefined;
  }

  /** The field values as a plain object. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const c of schemaOf(this).columns)
      out[c.name] = (this as unknown as Record<string, unknown>)[c.name];
    return out;
  }
}

/** A model class: `new()` gives an instance, `schema` describes its table. */
export interface ModelClass<I extends Model = Model> {
  new (): I;
  readonly schema: ModelSchema;
  readonly name: string;
}

type FieldMap = Readonly<Record<string, AnyField>>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
type HasExplicitPK<F extends FieldMap> = true extends { [K in keyof F]: FieldIsPK<F[K]> }[keyof F]
  ? true
  : false;

/** The typed field values of a model defined with `fields`: the implicit `id` included when there is one. */
export type ModelValues<F extends FieldMap> = Simplify<
  { -readonly [K in keyof F]: FieldValue<F[K]> } & (HasExplicitPK<F> extends true ? unknown : { id: number })
>;

/** The instance type `defineModel(name, fields)` produces. */
export type ModelInstance<F extends FieldMap> = Model &
  ModelValues<F> & { readonly [FIELDS]: ModelValues<F> };

/** The field values of a record type (what `filter({...})` and `insertMany` accept). */
export type FieldsOf<I> = I extends { readonly [FIELDS]: infer V } ? V : Record<string, unknown>;
/** The field names of a record type. */
export type FieldName<I> = keyof FieldsOf<I> & string;
/** What `insertMany` takes per row: any subset of the fields (missing ones get their default). */
export type Insertable<I> = Partial<FieldsOf<I>>;

export function schemaOf(record: Model): ModelSchema {
  return (record.constructor as ModelClass).schema;
}

/**
 * The key a record is stored under (undefined when unbound), first undoing the binding of an
 * insert whose transaction rolled back.
 */
export function currentKey(record: Model): unknown {
  const origin = record[ORIGIN];
  if (origin !== null) {
    const keep = 'keepFields' in origin;
    const tx = keep ? origin.keepFields : origin;
    if (tx.insertUndone()) {
      record[KEY] = undefined;
      record[ORIGIN] = null;
      const auto = keep ? null : schemaOf(record).auto;
      if (auto) (record as unknown as Record<string, unknown>)[auto.name] = undefined;
    } else if (tx.insertFinal()) record[ORIGIN] = null;
  }
  return record[KEY];
}

/**
 * Defines a model: a class whose instances have one typed property per field.
 *
 * ```ts
 * export class Car extends defineModel('Car', {
 *   car_model: TextField(),
 *   horsepower: IntegerField(),
 *   serial_number: IntegerField({ constraints: [PK(), AutoIncrement()] }),
 * }) {}
 * ```
 *
 * The table is named after the model (or `options.table`). Without a PK() field the model gets
 * an implicit integer primary key `id`. Extend the returned class to add methods.
 */
export function defineModel<const F extends FieldMap>(
  name: string,
  fields: F,
  options: ModelOptions = {},
): ModelClass<ModelInstance<F>> {
  const schema = buildSchema(name, fields, options);
  const init = schema.codec.init;
  class Defined extends Model {
    constructor() {
      super();
      if (!hydrating) init(this);
    }
  }
  Object.defineProperty(Defined, 'name', { value: name });
  Object.defineProperty(Defined, 'schema', { value: schema, enumerable: true });
  return Defined as unknown as ModelClass<ModelInstance<F>>;
}

/**
 * Runs `fn` while model constructors leave the fields unset (rows read back fill them in):
 * one flag for a whole batch of rows, so reading many rows costs no per-row bookkeeping.
 */
export function withBlankInstances<T>(fn: () => T): T {
  const previous = hydrating;
  hydrating = true;
  try {
    return fn();
  } finally {
    hydrating = previous;
  }
}

const shapes = new WeakMap<ModelClass, object>();
const keptForGood: object[] = [];

/**
 * Keeps `instance` alive for good, and with it the object shape (V8 map) it has. V8 drops the
 * shape of objects that come and go (records, transactions, driver results) when none of them
 * survives a full garbage collection, and with it the optimised code of every hot path that
 * handled them (save, encode, hydrate): the next batch would run unoptimised until V8 compiles
 * that code again. One kept instance per shape prevents it. Call it once per shape (module load).
 */
export function keepShapeAlive(instance: object): void {
  keptForGood.push(instance);
}

/**
 * keepShapeAlive for the records of a model: one blank instance, kept as long as the class is.
 * Engines call it when a model is registered; repeated calls are free.
 */
export function pinShape(model: ModelClass): void {
  if (shapes.has(model)) return;
  const blank = withBlankInstances(() => new model()) as unknown as Record<string, unknown>;
  // the fields in column order, as rows read back and new instances both assign them
  for (const column of model.schema.columns) blank[column.name] = null;
  shapes.set(model, blank);
}

/** True for a class made by defineModel (or extended from one). */
export function isModelClass(value: unknown): value is ModelClass {
  return (
    typeof value === 'function' &&
    value.prototype instanceof Model &&
    typeof (value as { schema?: unknown }).schema === 'object' &&
    (value as { schema?: unknown }).schema !== null
  );
}
