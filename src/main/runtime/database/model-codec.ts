import { DatabaseError } from './errors';
import type { AnyField, StorageValue } from './fields/field';
import type { ColumnDef, ModelSchema } from './model-schema';

type Values = Record<string, unknown>;

/**
 * Per-model functions on the hot paths, specialised once per model: filling a new instance
 * with its defaults, encoding a valid record into statement parameters, and turning result
 * rows into instances. They are generated as code with the property names written out (so V8
 * sees fixed-shape stores instead of keyed ones); names are checked identifiers, and are
 * written as JSON string literals on top. Where code generation is disabled, plain loops do
 * the same.
 */
export interface ModelCodec {
  /** Sets every field of a new instance to its initial value (default, null or undefined). */
  init(record: object): void;
  /**
   * INSERT (withAuto false) or UPDATE (withAuto true: the auto column last) parameters when
   * every value is valid and present, else null: the caller then takes the slow path that
   * fills defaults and reports every problem.
   */
  encode(values: Values, withAuto: boolean): StorageValue[] | null;
  /**
   * The hot path of an insert whose auto field the database assigns: checks the values and runs
   * `insert` with them as arguments (no parameter array); NOT_HANDLED when it cannot (no auto
   * field, the record set it itself, or a value fails: then `encode` / the slow path take over).
   */
  insertAuto(values: Values, insert: { run(...params: StorageValue[]): unknown }): unknown;
  /** The first own enumerable key of `values` that is not a field, or undefined. */
  unknownField(values: object): string | undefined;
  /** Fills `out` with instances made by `create()` from rows in schema column order. */
  hydrate(
    rows: readonly (readonly StorageValue[])[],
    create: () => object,
    finish: (record: object, key: unknown) => void,
    out: object[],
  ): void;
}

/** What `insertAuto` returns when it did not run the statement. */
export const NOT_HANDLED = Symbol('not-handled');

/** Runs a field's length limit and validators; false when the value fails them. */
function extraChecksPass(field: AnyField, value: unknown): boolean {
  if (field.maxLength !== null) {
    const length = field.lengthOf(value);
    if (length !== null && length > field.maxLength) return false;
  }
  for (const validator of field.validators) {
    try {
      if (typeof validator(value) === 'string') return false;
    } catch {
      return false;
    }
  }
  return true;
}

function deserializeColumn(schema: Pick<ModelSchema, 'name'>, column: ColumnDef, raw: StorageValue): unknown {
  try {
    return column.field.deserialize(raw);
  } catch (err) {
    throw new DatabaseError(`cannot read ${schema.name}.${column.name}: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

const prop = (name: string): string => `[${JSON.stringify(name)}]`;

function generated(schema: Omit<ModelSchema, 'codec'>): ModelCodec {
  const columns = schema.columns;
  const index = new Map(columns.map((c, i) => [c, i]));
  const fields = columns.map((c) => c.field);
  const hasExtra = (f: AnyField): boolean => f.maxLength !== null || f.validators.length > 0;

  // init
  const initLines = columns.map((c, i) => {
    const f = c.field;
    const value = f.hasDefault
      ? `F[${i}].initialValue()`
      : f.isNullable && !f.isAutoIncrement
        ? 'null'
        : 'undefined';
    return `o${prop(c.name)} = ${value};`;
  });

  // encode
  const encodeColumn = (c: ColumnDef, target: string): string => {
    const i = index.get(c)!;
    const f = c.field;
    return [
      `v = values${prop(c.name)};`,
      `if (v === undefined || v === null) { ${f.isNullable ? `${target} = null;` : 'return null;'} }`,
      `else {`,
      `  if (${f.inlineCheck('v') !== null ? `!(${f.inlineCheck('v')})` : `F[${i}].validate(v) !== undefined`}) return null;`,
      hasExtra(f) ? `  if (!extra(F[${i}], v)) return null;` : '',
      `  ${target} = ${f.passthrough ? 'v' : `F[${i}].serialize(v)`};`,
      `}`,
    ].join('\n');
  };
  const insertVars = schema.insertColumns.map((_, k) => `a${k}`);
  const encodeLines = [
    `let v; let ${[...insertVars, 'z'].join(', ')};`,
    ...schema.insertColumns.map((c, k) => encodeColumn(c, `a${k}`)),
  ];
  if (schema.auto) {
    const auto = schema.auto;
    encodeLines.push(
      `if (!withAuto) { v = values${prop(auto.name)}; if (v !== undefined && v !== null) return null; return [${insertVars.join(', ')}]; }`,
      encodeColumn(auto, 'z'),
      `return [${[...insertVars, 'z'].join(', ')}];`,
    );
  } else encodeLines.push(`return [${insertVars.join(', ')}];`);
  // insertAuto: the same checks, then the statement run with the values as arguments
  const insertAutoLines = schema.auto
    ? [
        insertVars.length ? `let v; let ${insertVars.join(', ')};` : 'let v;',
        `v = values${prop(schema.auto.name)}; if (v !== undefined && v !== null) return NO;`,
        ...schema.insertColumns.map((c, k) =>
          encodeColumn(c, `a${k}`).replaceAll('return null;', 'return NO;'),
        ),
        `return insert.run(${insertVars.join(', ')});`,
      ]
    : ['return NO;'];

  // hydrate
  const pk = schema.primaryKey.map((c) => index.get(c)!);
  const key = pk.length === 1 ? `row[${pk[0]}]` : `[${pk.map((i) => `row[${i}]`).join(', ')}]`;
  const hydrateLines = [
    'for (let r = 0; r < rows.length; r++) {',
    '  const row = rows[r];',
    '  const o = create();',
    ...columns.map((c, i) =>
      c.field.passthrough
        ? `  o${prop(c.name)} = row[${i}];`
        : `  v = row[${i}]; o${prop(c.name)} = v === null ? null : des(S, C[${i}], v);`,
    ),
    `  finish(o, ${key});`,
    '  out[r] = o;',
    '}',
  ];

  const make = (params: string[], body: string[]): ((...args: unknown[]) => unknown) =>
    new Function(...params, `"use strict";\n${body.join('\n')}`) as (...args: unknown[]) => unknown;
  const known = columns.map((c) => `k !== ${JSON.stringify(c.name)}`).join(' && ');
  const unknownField = make(
    [],
    [
      `return function unknownField(values) {\nfor (const k in values) if (${known}) return k;\nreturn undefined;\n};`,
    ],
  )() as ModelCodec['unknownField'];
  const init = make(
    ['F'],
    [`return function init(o) {\n${initLines.join('\n')}\n};`],
  )(fields) as ModelCodec['init'];
  const encode = make(
    ['F', 'extra'],
    [`return function encode(values, withAuto) {\n${encodeLines.join('\n')}\n};`],
  )(fields, extraChecksPass) as ModelCodec['encode'];
  const insertAuto = make(
    ['F', 'extra', 'NO'],
    [`return function insertAuto(values, insert) {\n${insertAutoLines.join('\n')}\n};`],
  )(fields, extraChecksPass, NOT_HANDLED) as ModelCodec['insertAuto'];
  const hydrate = make(
    ['S', 'C', 'des'],
    [`return function hydrate(rows, create, finish, out) {\nlet v;\n${hydrateLines.join('\n')}\n};`],
  )(schema, columns, deserializeColumn) as ModelCodec['hydrate'];
  return { init, encode, insertAuto, hydrate, unknownField };
}

/** The same behaviour with loops, for runtimes that forbid code generation. */
function interpreted(schema: Omit<ModelSchema, 'codec'>): ModelCodec {
  const columns = schema.columns;
  const encodeColumn = (c: ColumnDef, values: Values): { ok: boolean; value: StorageValue } => {
    const v = values[c.name];
    if (v === undefined || v === null) return { ok: c.field.isNullable, value: null };
    if (c.field.validate(v) !== undefined || !extraChecksPass(c.field, v)) return { ok: false, value: null };
    return { ok: true, value: c.field.passthrough ? (v as StorageValue) : c.field.serialize(v) };
  };
  return {
    insertAuto() {
      return NOT_HANDLED;
    },
    unknownField(values) {
      for (const k in values) if (!columns.some((c) => c.name === k)) return k;
      return undefined;
    },
    init(record) {
      const o = record as Values;
      for (const c of columns) o[c.name] = c.field.initialValue();
    },
    encode(values, withAuto) {
      const out: StorageValue[] = [];
      for (const c of schema.insertColumns) {
        const r = encodeColumn(c, values);
        if (!r.ok) return null;
        out.push(r.value);
      }
      const auto = schema.auto;
      if (!auto) return out;
      if (!withAuto) {
        const v = values[auto.name];
        return v === undefined || v === null ? out : null;
      }
      const r = encodeColumn(auto, values);
      if (!r.ok || r.value === null) return null;
      out.push(r.value);
      return out;
    },
    hydrate(rows, create, finish, out) {
      const pk = schema.primaryKey.map((c) => columns.indexOf(c));
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r]!;
        const o = create() as Values;
        columns.forEach((c, i) => {
          const raw = row[i]!;
          o[c.name] = raw === null || c.field.passthrough ? raw : deserializeColumn(schema, c, raw);
        });
        finish(o, pk.length === 1 ? row[pk[0]!] : pk.map((i) => row[i]));
        out[r] = o;
      }
    },
  };
}

/** The codec of a schema (generated code, or loops where code generation is not allowed). */
export function compileCodec(schema: Omit<ModelSchema, 'codec'>, generate = true): ModelCodec {
  if (!generate) return interpreted(schema);
  try {
    return generated(schema);
  } catch (err) {
    if (err instanceof EvalError) return interpreted(schema);
    throw err;
  }
}
