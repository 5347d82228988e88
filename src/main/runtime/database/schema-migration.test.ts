import { describe, expect, it } from 'vitest';
import { Default, PK } from './constraints';
import { SchemaError } from './errors';
import { IntegerField, TextField } from './fields/builtin';
import { defineModel } from './model';
import { planMigration, type ExistingTable } from './schema-migration';

const table = (columns: ExistingTable['columns'], unique: string[] = []): ExistingTable => ({
  name: 'T',
  columns,
  unique: new Set(unique),
});
const col = (name: string, type: string, notNull = true, pk = 0, defaultSql: string | null = null) => ({
  name,
  type,
  notNull,
  pk,
  defaultSql,
});
const ON_DISK = table([col('id', 'INTEGER', true, 1), col('a', 'TEXT')]);

describe('planMigration', () => {
  it('creates a missing table, leaves a matching one alone, adds safe columns', () => {
    const T = defineModel('T', { a: TextField() });
    expect(planMigration(T.schema, null).statements).toEqual([
      'CREATE TABLE IF NOT EXISTS "T" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "a" TEXT NOT NULL)',
    ]);
    expect(planMigration(T.schema, ON_DISK)).toEqual({
      statements: [],
      created: false,
      addedColumns: [],
      ignoredColumns: [],
    });
    const T2 = defineModel('T', { a: TextField(), b: IntegerField({ constraints: [Default(0)] }) });
    expect(planMigration(T2.schema, ON_DISK).statements).toEqual([
      'ALTER TABLE "T" ADD COLUMN "b" INTEGER NOT NULL DEFAULT 0',
    ]);
    // names compare case-insensitively, as SQLite's do
    expect(
      planMigration(T.schema, table([col('ID', 'INTEGER', true, 1), col('A', 'TEXT')])).statements,
    ).toEqual([]);
  });

  it('throws SchemaError naming model and column for changes it will not make', () => {
    const refused = (fields: Parameters<typeof defineModel>[1], existing = ON_DISK): SchemaError => {
      try {
        planMigration(defineModel('T', fields).schema, existing);
      } catch (err) {
        expect(err).toBeInstanceOf(SchemaError);
        return err as SchemaError;
      }
      throw new Error('not refused');
    };
    expect(refused({ a: IntegerField() }).column).toBe('a');
    expect(refused({ a: TextField({ constraints: [PK()] }) }).column).toBe('id');
    expect(refused({ a: TextField(), b: TextField() }).column).toBe('b');
    expect(refused({ a: TextField({ null: true }) }).column).toBe('a');
    expect(refused({ a: TextField() }, table([...ON_DISK.columns, col('old', 'TEXT')])).column).toBe('old');
    expect(refused({ a: TextField() }, table(ON_DISK.columns, ['a'])).message).toMatch(
      /Unique\(\) was removed/,
    );
    // a removed nullable column (or one with a default) is just ignored
    expect(
      planMigration(
        defineModel('T', { a: TextField() }).schema,
        table([...ON_DISK.columns, col('old', 'TEXT', false)]),
      ).ignoredColumns,
    ).toEqual(['old']);
  });
});
