// What differs in PostgreSQL transactions: a statement the server refuses ends the transaction
// (PostgreSQL ignores everything until the rollback), so the body is told clearly and the whole
// transaction rolls back; a savepoint contains such a failure; the ORM's own refusals
// (validation, unknown fields) send nothing and leave the transaction usable, as on SQLite.
import { describe, expect, it } from 'vitest';
import {
  ConstraintError,
  IntegerField,
  TextField,
  TransactionError,
  Unique,
  ValidationError,
  defineModel,
} from '../../src/main/runtime/cmdsys/api/index';
import { engineKinds, useDatabases } from './support';

const Tag = defineModel('Tag', { name: TextField({ constraints: [Unique()] }), n: IntegerField() });

describe.each(engineKinds().filter((k) => k === 'postgres'))('%s transactions', (kind) => {
  const { engine } = useDatabases(kind);

  async function tags() {
    const db = engine();
    await db.register(Tag);
    await db.insertMany(Tag, [{ name: 'taken', n: 0 }]);
    return db;
  }

  it('a statement the server refused ends the transaction: later operations say why, all rolls back', async () => {
    const db = await tags();
    const seen: string[] = [];
    const result = db.transaction(async (t) => {
      const a = await t.new(Tag);
      Object.assign(a, { name: 'fresh', n: 1 });
      await a.save();
      const dup = await t.new(Tag);
      Object.assign(dup, { name: 'taken', n: 2 });
      await dup.save().catch((e: Error) => seen.push(e.constructor.name));
      await t
        .query(Tag)
        .count()
        .catch((e: Error) => seen.push(e.message));
      return 'body done';
    });
    await expect(result).rejects.toThrow(TransactionError);
    await expect(result).rejects.toThrow(/rolled back: a statement in it failed \(.*duplicate key/);
    expect(seen[0]).toBe(ConstraintError.name);
    expect(seen[1]).toMatch(/an earlier statement of this transaction .* failed .*nothing more runs in it/);
    expect((await db.query(Tag).all()).map((t) => t.name)).toEqual(['taken']);
  });

  it("the ORM's own refusals send nothing: the transaction goes on and commits", async () => {
    const db = await tags();
    await db.transaction(async (t) => {
      const bad = await t.new(Tag);
      Object.assign(bad, { name: 'x', n: 'not a number' as unknown as number });
      await expect(bad.save()).rejects.toThrow(ValidationError);
      const good = await t.new(Tag);
      Object.assign(good, { name: 'ok', n: 3 });
      await good.save();
    });
    expect(await db.query(Tag).filter({ name: 'ok' }).count()).toBe(1);
  });

  it('a savepoint contains a refused statement: the outer transaction goes on and commits', async () => {
    const db = await tags();
    await db.transaction(async (t) => {
      await expect(
        t.transaction(async (s) => {
          const dup = await s.new(Tag);
          Object.assign(dup, { name: 'taken', n: 9 });
          await dup.save();
        }),
      ).rejects.toThrow(ConstraintError);
      await expect(
        t.insertMany(Tag, [
          { name: 'b1', n: 1 },
          { name: 'taken', n: 1 },
        ]),
      ).rejects.toThrow(ConstraintError);
      const after = await t.new(Tag);
      Object.assign(after, { name: 'after', n: 4 });
      await after.save();
    });
    expect((await db.query(Tag).orderBy('name').all()).map((t) => t.name)).toEqual(['after', 'taken']);
  });
});
