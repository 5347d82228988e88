import type { Constraint, HasPKConstraint } from '../constraints';
import { Field, type FieldOptions, type StorageValue } from './field';

const describe = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a Date';
  if (value instanceof Uint8Array) return 'bytes';
  if (typeof value === 'string')
    return `text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  return typeof value;
};

interface RangeOptions {
  /** Smallest allowed value. */
  min?: number;
  /** Largest allowed value. */
  max?: number;
}

interface LengthOptions {
  /** Longest allowed value: characters for text (and JSON text), bytes for blobs. */
  maxLength?: number;
}

function checkRange(value: number, options: RangeOptions): string | undefined {
  if (options.min !== undefined && value < options.min) return `${value} is below the minimum ${options.min}`;
  if (options.max !== undefined && value > options.max) return `${value} is above the maximum ${options.max}`;
  return undefined;
}

/** `String.prototype.isWellFormed` (Node 20; not in the ES2023 lib typings). */
interface WellFormed {
  isWellFormed(): boolean;
}

export type TextFieldOptions<
  N extends boolean = boolean,
  C extends readonly Constraint[] = readonly Constraint[],
> = FieldOptions<string, N, C> & LengthOptions;

export class TextFieldType<N extends boolean = false, P extends boolean = false> extends Field<string, N, P> {
  readonly storage = 'TEXT' as const;
  override readonly typeName = 'text';
  override readonly passthrough = true;
  override readonly maxLength: number | null;

  constructor(options: TextFieldOptions<N> = {}) {
    super(options);
    this.maxLength = options.maxLength ?? null;
  }

  override validate(value: unknown): string | undefined {
    if (typeof value !== 'string') return `expected text, got ${describe(value)}`;
    // a lone surrogate cannot be stored as UTF-8: SQLite would silently turn it into U+FFFD
    if (!(value as unknown as WellFormed).isWellFormed())
      return 'the text contains a lone surrogate (half of a UTF-16 pair), which cannot be stored';
    return undefined;
  }

  override inlineCheck(v: string): string | null {
    return this.validate === TextFieldType.prototype.validate && true
      ? `typeof ${v} === 'string' && ${v}.isWellFormed()`
      : null;
  }
}

export type NumberFieldOptions<
  T,
  N extends boolean = boolean,
  C extends readonly Constraint[] = readonly Constraint[],
> = FieldOptions<T, N, C> & RangeOptions;

export class IntegerFieldType<N extends boolean = false, P extends boolean = false> extends Field<
  number,
  N,
  P
> {
  readonly storage = 'INTEGER' as const;
  override readonly typeName = 'an integer';
  override readonly passthrough = true;
  private readonly range: RangeOptions | null;

  constructor(options: NumberFieldOptions<number, N> = {}) {
    super(options);
    this.range =
      options.min !== undefined || options.max !== undefined ? { min: options.min, max: options.max } : null;
  }

  override validate(value: unknown): string | undefined {
    if (Number.isSafeInteger(value))
      return this.range === null ? undefined : checkRange(value as number, this.range);
    if (typeof value !== 'number' || !Number.isInteger(value))
      return `expected an integer, got ${describe(value)}`;
    return `${value} is outside the safe integer range`;
  }

  override inlineCheck(v: string): string | null {
    return this.validate === IntegerFieldType.prototype.validate && this.range === null
      ? `Number.isSafeInteger(${v})`
      : null;
  }
}

export class FloatFieldType<N extends boolean = false, P extends boolean = false> extends Field<
  number,
  N,
  P
> {
  readonly storage = 'REAL' as const;
  override readonly typeName = 'a number';
  override readonly passthrough = true;
  private readonly range: RangeOptions;

  constructor(options: NumberFieldOptions<number, N> = {}) {
    super(options);
    this.range = { min: options.min, max: options.max };
  }

  override validate(value: unknown): string | undefined {
    // SQLite stores NaN as NULL: refuse it rather than lose it
    if (typeof value !== 'number' || Number.isNaN(value)) return `expected a number, got ${describe(value)}`;
    return checkRange(value, this.range);
  }

  override inlineCheck(v: string): string | null {
    return this.validate === FloatFieldType.prototype.validate &&
      this.range.min === undefined &&
      this.range.max === undefined
      ? `(typeof ${v} === 'number' && ${v} === ${v})`
      : null;
  }
}

export class BooleanFieldType<N extends boolean = false, P extends boolean = false> extends Field<
  boolean,
  N,
  P
> {
  readonly storage = 'INTEGER' as const;
  override readonly typeName = 'a boolean';

  override validate(value: unknown): string | undefined {
    return typeof value === 'boolean' ? undefined : `expected a boolean, got ${describe(value)}`;
  }

  override inlineCheck(v: string): string | null {
    return this.validate === BooleanFieldType.prototype.validate && true ? `typeof ${v} === 'boolean'` : null;
  }
  override serialize(value: boolean): StorageValue {
    return value ? 1 : 0;
  }
  override deserialize(raw: StorageValue): boolean {
    return raw !== 0 && raw !== 0n;
  }
}

/** Dates are stored as ISO-8601 UTC text (`2024-05-01T12:00:00.000Z`), which sorts correctly. */
export class DateTimeFieldType<N extends boolean = false, P extends boolean = false> extends Field<
  Date,
  N,
  P
> {
  readonly storage = 'TEXT' as const;
  override readonly typeName = 'a Date';

  override validate(value: unknown): string | undefined {
    if (!(value instanceof Date)) return `expected a Date, got ${describe(value)}`;
    if (Number.isNaN(value.getTime())) return 'expected a valid Date, got an invalid one';
    return undefined;
  }
  override serialize(value: Date): StorageValue {
    return value.toISOString();
  }
  override deserialize(raw: StorageValue): Date {
    return new Date(typeof raw === 'string' ? raw : Number(raw));
  }
}

export type JsonFieldOptions<
  T,
  N extends boolean = boolean,
  C extends readonly Constraint[] = readonly Constraint[],
> = FieldOptions<T, N, C> & LengthOptions;

/** Any JSON-serialisable value, stored as JSON text. */
export class JsonFieldType<T = unknown, N extends boolean = false, P extends boolean = false> extends Field<
  T,
  N,
  P
> {
  readonly storage = 'TEXT' as const;
  override readonly typeName = 'JSON';
  override readonly maxLength: number | null;

  constructor(options: JsonFieldOptions<T, N> = {}) {
    super(options);
    this.maxLength = options.maxLength ?? null;
  }

  override validate(value: unknown): string | undefined {
    try {
      if (JSON.stringify(value) === undefined) return `expected a JSON value, got ${describe(value)}`;
    } catch (err) {
      return `not serialisable as JSON: ${(err as Error).message}`;
    }
    return undefined;
  }
  override serialize(value: T): StorageValue {
    return JSON.stringify(value);
  }
  override deserialize(raw: StorageValue): T {
    return JSON.parse(String(raw)) as T;
  }
  override lengthOf(value: T): number | null {
    return this.maxLength === null ? null : JSON.stringify(value).length;
  }
}

export type BlobFieldOptions<
  N extends boolean = boolean,
  C extends readonly Constraint[] = readonly Constraint[],
> = FieldOptions<Uint8Array, N, C> & LengthOptions;

/** Bytes (a Uint8Array; Buffers are Uint8Arrays). Reads give a Buffer. */
export class BlobFieldType<N extends boolean = false, P extends boolean = false> extends Field<
  Uint8Array,
  N,
  P
> {
  readonly storage = 'BLOB' as const;
  override readonly typeName = 'bytes';
  override readonly maxLength: number | null;

  constructor(options: BlobFieldOptions<N> = {}) {
    super(options);
    this.maxLength = options.maxLength ?? null;
  }

  override validate(value: unknown): string | undefined {
    return value instanceof Uint8Array ? undefined : `expected bytes (Uint8Array), got ${describe(value)}`;
  }
  override serialize(value: Uint8Array): StorageValue {
    return Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  }
}

type PKOf<C> = HasPKConstraint<C>;

/** Text. Options: `null`, `constraints`, `maxLength`, `validators`. */
export function TextField<const N extends boolean = false, const C extends readonly Constraint[] = []>(
  options?: TextFieldOptions<N, C>,
): TextFieldType<N, PKOf<C>> {
  return new TextFieldType<N, PKOf<C>>(options);
}

/** A safe integer (`number`). Options: `null`, `constraints`, `min`, `max`, `validators`. */
export function IntegerField<const N extends boolean = false, const C extends readonly Constraint[] = []>(
  options?: NumberFieldOptions<number, N, C>,
): IntegerFieldType<N, PKOf<C>> {
  return new IntegerFieldType<N, PKOf<C>>(options);
}

/** A floating-point number (NaN is refused). Options: `null`, `constraints`, `min`, `max`, `validators`. */
export function FloatField<const N extends boolean = false, const C extends readonly Constraint[] = []>(
  options?: NumberFieldOptions<number, N, C>,
): FloatFieldType<N, PKOf<C>> {
  return new FloatFieldType<N, PKOf<C>>(options);
}

export function BooleanField<const N extends boolean = false, const C extends readonly Constraint[] = []>(
  options?: FieldOptions<boolean, N, C>,
): BooleanFieldType<N, PKOf<C>> {
  return new BooleanFieldType<N, PKOf<C>>(options);
}

export function DateTimeField<const N extends boolean = false, const C extends readonly Constraint[] = []>(
  options?: FieldOptions<Date, N, C>,
): DateTimeFieldType<N, PKOf<C>> {
  return new DateTimeFieldType<N, PKOf<C>>(options);
}

/**
 * JSON text. `JsonField<Settings>()` types the value; with an explicit type argument write
 * `JsonField<Settings>().nullable()` for a nullable one.
 */
export function JsonField<
  T = unknown,
  const N extends boolean = false,
  const C extends readonly Constraint[] = [],
>(
  // with an explicit T, C is not inferred: any constraint list is still accepted (typed as no PK)
  options?: JsonFieldOptions<T, N, C> | JsonFieldOptions<T, N, readonly Constraint[]>,
): JsonFieldType<T, N, PKOf<C>> {
  return new JsonFieldType<T, N, PKOf<C>>(options);
}

export function BlobField<const N extends boolean = false, const C extends readonly Constraint[] = []>(
  options?: BlobFieldOptions<N, C>,
): BlobFieldType<N, PKOf<C>> {
  return new BlobFieldType<N, PKOf<C>>(options);
}
