// Registering a model creates its table when missing, adds the columns a model gained (when
// nullable or with a default), and refuses — naming model and column — what it cannot apply
// safely: a type change, a changed or removed primary key, a new NOT NULL column without a
// default, nullability or uniqueness changes, a removed NOT NULL column.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AutoIncrement,
  BooleanField,
  Default,
  FloatField,
  IntegerField,
  PK,
  SchemaError,
  TextField,
  Unique,
  defineModel,
} from '../../src/main/runtime/cmdsys/api/index';
import { useDatabases } from './support';

const { engine, tmpDir, manager: openManager } = useDatabases();

const V1 = defineModel('Item', { name: TextField(), qty: IntegerField() });

async function withV1() {
  const file = path.join(tmpDir(), 'items.sqlite');
  const db = engine({ file });
  await db.register(V1);
  await db.insertMany(V1, [
    { name: 'a', qty: 1 },
    { name: 'b', qty: 2 },
  ]);
  return { db, file };
}

async function refusal(promise: Promise<unknown>): Promise<SchemaError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SchemaError);
  return err as SchemaError;
}

describe('schema evolution', () => {
  it('creates the table once, and registering again is a no-op', async () => {
    const { db } = await withV1();
    const creates = db.sql().filter((s) => s.sql.startsWith('CREATE TABLE IF NOT EXISTS "Item"'));
    expect(creates.map((s) => s.sql)).toEqual([
      'CREATE TABLE IF NOT EXISTS "Item" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "name" TEXT NOT NULL, "qty" INTEGER NOT NULL)',
    ]);
    const before = db.sql().length;
    await db.register(V1);
    await db.register(defineModel('Item', { name: TextField(), qty: IntegerField() }));
    expect(db.sql().length).toBe(before);
  });

  it('adds nullable columns and columns with a default; existing rows get null / the default', async () => {
    const { db, file } = await withV1();
    const V2 = defineModel('Item', {
      name: TextField(),
      qty: IntegerField(),
      note: TextField({ null: true }),
      price: FloatField({ constraints: [Default(9.5)] }),
      label: TextField({ constraints: [Default("it's new")] }),
    });
    await db.register(V2);
    expect(
      db
        .sql()
        .filter((s) => s.sql.startsWith('ALTER'))
        .map((s) => s.sql),
    ).toEqual([
      'ALTER TABLE "Item" ADD COLUMN "note" TEXT',
      'ALTER TABLE "Item" ADD COLUMN "price" REAL NOT NULL DEFAULT 9.5',
      `ALTER TABLE "Item" ADD COLUMN "label" TEXT NOT NULL DEFAULT 'it''s new'`,
    ]);
    const rows = await db.query(V2).orderBy('id').all();
    expect(rows.map((r) => [r.name, r.note, r.price, r.label])).toEqual([
      ['a', null, 9.5, "it's new"],
      ['b', null, 9.5, "it's new"],
    ]);
    // a fresh connection to the same file sees the same table and needs no change
    await db.close();
    const again = engine({ file });
    await again.register(V2);
    expect(again.sql().filter((s) => /^(CREATE|ALTER)/.test(s.sql))).toEqual([]);
    // the old definition still works on the wider table (the extra columns are ignored)
    const old = engine({ file });
    await old.register(V1);
    expect(await old.query(V1).count()).toBe(2);
  });

  it('refuses a new NOT NULL column without a default, naming model and column', async () => {
    const { db } = await withV1();
    const err = await refusal(
      db.register(defineModel('Item', { name: TextField(), qty: IntegerField(), sku: TextField() })),
    );
    expect(err.model).toBe('Item');
    expect(err.column).toBe('sku');
    expect(err.message).toMatch(
      /cannot register model Item \(column sku\): the new column is NOT NULL without a default/,
    );
    expect(db.isRegistered(V1)).toBe(true);
  });

  it('refuses a type change', async () => {
    const { db } = await withV1();
    const err = await refusal(db.register(defineModel('Item', { name: TextField(), qty: FloatField() })));
    expect([err.model, err.column]).toEqual(['Item', 'qty']);
    expect(err.message).toMatch(/its type changed from INTEGER to REAL/);
  });

  it('refuses Integer → Boolean (same INTEGER storage) as a change of field kind (issue 18)', async () => {
    const { db, file } = await withV1();
    const err = await refusal(db.register(defineModel('Item', { name: TextField(), qty: BooleanField() })));
    expect([err.model, err.column]).toEqual(['Item', 'qty']);
    expect(err.message).toMatch(/its field kind changed from an integer to a boolean/);
    await db.close();
    // the same in a later run of the bot (a fresh engine on the file)
    const again = engine({ file });
    await expect(
      again.register(defineModel('Item', { name: TextField(), qty: BooleanField() })),
    ).rejects.toThrow(/field kind changed/);
    await again.register(V1);
    expect((await again.query(V1).orderBy('qty').all()).map((i) => i.qty)).toEqual([1, 2]);
  });

  it('a table from before the kinds were recorded gets them on its first registration', async () => {
    const file = path.join(tmpDir(), 'legacy.sqlite');
    const raw = engine({ file });
    raw.execNow(
      'CREATE TABLE "Item" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "name" TEXT NOT NULL, "qty" INTEGER NOT NULL)',
    );
    raw.execNow(`INSERT INTO "Item" ("name", "qty") VALUES ('old', 5)`);
    await raw.register(V1);
    expect((await raw.query(V1).first())!.qty).toBe(5);
    expect((await raw.inspectTables()).map((t) => t.name)).toEqual(['Item']); // the registry stays hidden
    await expect(
      raw.register(defineModel('Item', { name: TextField(), qty: BooleanField() })),
    ).rejects.toThrow(/field kind changed from an integer to a boolean/);
  });

  it('refuses a removed or changed primary key', async () => {
    const { db } = await withV1();
    const removed = await refusal(
      db.register(defineModel('Item', { name: TextField({ constraints: [PK()] }), qty: IntegerField() })),
    );
    expect(removed.column).toBe('id');
    expect(removed.message).toMatch(
      /the primary key of table "Item" is \(id\) but the model declares \(name\)/,
    );
    const Keyed = defineModel('Keyed', { code: TextField({ constraints: [PK()] }), n: IntegerField() });
    await db.register(Keyed);
    const changed = await refusal(
      db.register(
        defineModel('Keyed', {
          code: TextField({ constraints: [PK()] }),
          n: IntegerField({ constraints: [PK()] }),
        }),
      ),
    );
    expect(changed.column).toBe('n');
    const auto = await refusal(
      db.register(defineModel('Keyed', { serial: IntegerField({ constraints: [PK(), AutoIncrement()] }) })),
    );
    expect(auto.message).toMatch(/primary key/);
  });

  it('refuses nullability and uniqueness changes, and a removed NOT NULL column', async () => {
    const { db } = await withV1();
    const nullable = await refusal(
      db.register(defineModel('Item', { name: TextField({ null: true }), qty: IntegerField() })),
    );
    expect([nullable.column, nullable.message]).toEqual(['name', expect.stringMatching(/became nullable/)]);
    const unique = await refusal(
      db.register(defineModel('Item', { name: TextField({ constraints: [Unique()] }), qty: IntegerField() })),
    );
    expect([unique.column, unique.message]).toEqual(['name', expect.stringMatching(/Unique\(\) was added/)]);
    const removed = await refusal(db.register(defineModel('Item', { name: TextField() })));
    expect([removed.column, removed.message]).toEqual([
      'qty',
      expect.stringMatching(/removed from the model.*NOT NULL without a default/),
    ]);
    const newUnique = await refusal(
      db.register(
        defineModel('Item', {
          name: TextField(),
          qty: IntegerField(),
          code: TextField({ null: true, constraints: [Unique()] }),
        }),
      ),
    );
    expect(newUnique.column).toBe('code');
    // nothing was changed by the refusals
    expect(db.sql().filter((s) => s.sql.startsWith('ALTER'))).toEqual([]);
  });

  it('through the manager, a refused model fails on that database only, with the same error', async () => {
    const dataDir = tmpDir();
    const { manager } = openManager({ dataDir });
    await manager.registerModel(V1);
    const a = await manager.getDb('discord-a');
    await a.insertMany(V1, [{ name: 'x', qty: 1 }]);
    await manager.getDb('discord-b');
    await manager.close();
    // discord-b's table is made incompatible by hand (qty REAL) before the new model arrives
    const raw = engine({ file: manager.fileOf('discord-b') });
    raw.execNow('DROP TABLE "Item"');
    await raw.register(defineModel('Item', { name: TextField(), qty: FloatField({ null: true }) }));
    await raw.close();

    const V2 = defineModel('Item', {
      name: TextField(),
      qty: IntegerField(),
      note: TextField({ null: true }),
    });
    await manager.registerModel(V2);
    const a2 = await manager.getDb('discord-a');
    expect((await a2.query(V2).first())?.note).toBeNull();
    const b2 = await manager.getDb('discord-b');
    expect(() => b2.query(V2)).toThrow(SchemaError);
    expect(() => b2.query(V2)).toThrow(/Item \(column qty\): its type changed from REAL to INTEGER/);
    // registering it again on the open databases reports the refusal
    await expect(manager.registerModel(V2)).rejects.toThrow(SchemaError);
  });
});
