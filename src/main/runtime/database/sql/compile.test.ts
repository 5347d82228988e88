import { describe, expect, it } from 'vitest';
import { BooleanField, DateTimeField, IntegerField, TextField } from '../fields/builtin';
import { And, Eq, Gt, In, IsNull, Like, Ne, Not, Or } from '../filters';
import { defineModel } from '../model';
import { Query } from '../query';
import type { Session } from '../session';
import { countSql, deleteWhereSql, selectSql } from './compile';
import { SQLITE_DIALECT } from '../engines/sqlite-dialect';
import { postgresDialect } from '../engines/postgres-dialect';

const M = defineModel('M', {
  name: TextField(),
  n: IntegerField({ null: true }),
  on: BooleanField(),
  at: DateTimeField({ null: true }),
});
const session = { dbId: 'x', dialect: SQLITE_DIALECT } as Session;
const q = () => new Query(session, M);
const dialect = session.dialect;

describe('compiled SQL', () => {
  it('quotes names, binds every value (in its stored form) and builds the clauses', () => {
    const plan = q()
      .filter({ name: 'a', on: true }, Or(Gt('n', 1), IsNull('n')), Not(Like('name', '%x')))
      .filter(In('n', [1, 2, null]), Ne('at', new Date('2024-01-01T00:00:00Z')))
      .orderBy('n', 'desc')
      .limit(5)
      .offset(10)
      .plan();
    expect(selectSql(plan, dialect)).toEqual({
      sql:
        'SELECT "id", "name", "n", "on", "at" FROM "M" WHERE "name" = ? AND "on" = ? AND ("n" > ? OR "n" IS NULL) AND ' +
        `NOT ("name" LIKE ? ESCAPE '\\') AND ("n" IN (?, ?) OR "n" IS NULL) AND "at" IS NOT ? ORDER BY "n" DESC LIMIT ? OFFSET ?`,
      params: ['a', 1, 1, '%x', 1, 2, '2024-01-01T00:00:00.000Z', 5, 10],
    });
  });

  it('handles empty lists, null equality, offset without limit, counts and deletes of limited queries', () => {
    expect(selectSql(q().filter(In('n', []), And(), Or()).plan(), dialect).sql).toMatch(
      /WHERE 0 AND 1 AND 0$/,
    );
    expect(selectSql(q().filter(Eq('n', null), Ne('n', null)).plan(), dialect).sql).toMatch(
      /WHERE "n" IS NULL AND "n" IS NOT NULL$/,
    );
    expect(selectSql(q().offset(3).plan(), dialect)).toMatchObject({
      sql: expect.stringMatching(/LIMIT -1 OFFSET \?$/),
      params: [3],
    });
    expect(countSql(q().filter({ name: 'a' }).plan(), dialect).sql).toBe(
      'SELECT COUNT(*) FROM "M" WHERE "name" = ?',
    );
    expect(countSql(q().limit(2).plan(), dialect).sql).toBe(
      'SELECT COUNT(*) FROM (SELECT 1 FROM "M" LIMIT ?) AS counted',
    );
    expect(deleteWhereSql(q().filter({ name: 'a' }).plan(), dialect).sql).toBe(
      'DELETE FROM "M" WHERE "name" = ?',
    );
    expect(deleteWhereSql(q().plan(), dialect).sql).toBe('DELETE FROM "M"');
    expect(deleteWhereSql(q().orderBy('n').limit(1).plan(), dialect)).toEqual({
      sql: 'DELETE FROM "M" WHERE "id" IN (SELECT "id" FROM "M" ORDER BY "n" ASC LIMIT ?)',
      params: [1],
    });
  });

  it('the same plans in PostgreSQL: $n placeholders, ILIKE, IS DISTINCT FROM, TRUE/FALSE, LIMIT ALL, schema-qualified tables', () => {
    const pgDialect = postgresDialect('protos_g');
    const plan = q()
      .filter({ name: 'a' }, Or(Gt('n', 1), IsNull('n')), Not(Like('name', '%x')))
      .filter(In('n', [1, 2, null]), Ne('at', new Date('2024-01-01T00:00:00Z')))
      .orderBy('n', 'desc')
      .limit(5)
      .offset(10)
      .plan();
    expect(selectSql(plan, pgDialect)).toEqual({
      sql:
        'SELECT "id", "name", "n", "on", "at" FROM "protos_g"."M" WHERE "name" = $1 AND ("n" > $2 OR "n" IS NULL) AND ' +
        `NOT ("name" ILIKE $3 ESCAPE '\\') AND ("n" IN ($4, $5) OR "n" IS NULL) AND "at" IS DISTINCT FROM $6 ORDER BY "n" DESC LIMIT $7 OFFSET $8`,
      params: ['a', 1, '%x', 1, 2, '2024-01-01T00:00:00.000Z', 5, 10],
    });
    expect(selectSql(q().filter(In('n', []), And(), Or()).plan(), pgDialect).sql).toMatch(
      /WHERE FALSE AND TRUE AND FALSE$/,
    );
    expect(selectSql(q().offset(3).plan(), pgDialect).sql).toMatch(/LIMIT ALL OFFSET \$1$/);
    expect(deleteWhereSql(q().filter({ name: 'a' }).orderBy('n').limit(1).plan(), pgDialect)).toEqual({
      sql: 'DELETE FROM "protos_g"."M" WHERE "id" IN (SELECT "id" FROM "protos_g"."M" WHERE "name" = $1 ORDER BY "n" ASC LIMIT $2)',
      params: ['a', 1],
    });
  });
});
