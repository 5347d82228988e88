// Versioned migrations declared with the model (issue 18): a table recorded at an older version
// is brought to the model's version on registration — steps, then a rebuild to the model's
// definition (what ALTER TABLE cannot do), in one transaction. A failing migration leaves the
// table as it was and fails that database only, with a clear error; others work.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BooleanField,
  Default,
  FloatField,
  IntegerField,
  ModelDefinitionError,
  SchemaError,
  TextField,
  defineModel,
} from '../../src/main/runtime/cmdsys/api/index';
import { engineKinds, useDatabases, type EngineKind } from './support';

const { tmpDir, manager: openManager } = useDatabases();

const CarV1 = defineModel('Car', { name: TextField(), hp: IntegerField(), turbo: IntegerField() });
const CarV3 = defineModel(
  'Car',
  {
    title: TextField(), // renamed from name in v2
    power_kw: FloatField(), // hp → kW in v3
    turbo: BooleanField(), // was an integer 0/1
    seats: IntegerField(), // new NOT NULL column, computed
    note: TextField({ null: true }),
  },
  {
    version: 3,
    migrate: {
      2: (m) => m.renameColumn('name', 'title'),
      3: (m) =>
        m
          .renameColumn('hp', 'power_kw')
          .convert('power_kw', (hp) => Math.round(Number(hp) * 0.7457 * 10) / 10)
          .convert('turbo', (v) => v === 1)
          .convert('seats', (_v, row) => (String(row.name).includes('Van') ? 8 : 4)),
    },
  },
);

describe.each(engineKinds())('versioned migrations, %s engine', (kind: EngineKind) => {
  const { engine } = useDatabases(kind);

  async function v1File() {
    const file = path.join(tmpDir(), 'cars.sqlite');
    const db = engine({ file, level: 'info' });
    await db.register(CarV1);
    await db.insertMany(CarV1, [
      { name: 'Roadster', hp: 300, turbo: 1 },
      { name: 'Van', hp: 100, turbo: 0 },
    ]);
    await db.close();
    return file;
  }

  it('rename, type change and a computed NOT NULL column: rows keep their ids, the version is recorded', async () => {
    const file = await v1File();
    const db = engine({ file, level: 'info' });
    await db.register(CarV3);
    const cars = await db.query(CarV3).orderBy('id').all();
    expect(cars.map((c) => c.toJSON())).toEqual([
      { id: 1, title: 'Roadster', power_kw: 223.7, turbo: true, seats: 4, note: null },
      { id: 2, title: 'Van', power_kw: 74.6, turbo: false, seats: 8, note: null },
    ]);
    const [table] = await db.inspectTables();
    expect(table!.modelVersion).toBe(3);
    // each engine's own column types
    const [int, real] = kind === 'sqlite' ? ['INTEGER', 'REAL'] : ['BIGINT', 'DOUBLE PRECISION'];
    expect(table!.columns.map((c) => `${c.name} ${c.type}${c.notNull ? ' NOT NULL' : ''}`)).toEqual([
      `id ${int} NOT NULL`,
      'title TEXT NOT NULL',
      `power_kw ${real} NOT NULL`,
      `turbo ${int} NOT NULL`,
      `seats ${int} NOT NULL`,
      'note TEXT',
    ]);
    // new rows continue after the old ids; registering again does nothing
    const c = await db.new(CarV3);
    Object.assign(c, { title: 'New', power_kw: 1, turbo: false, seats: 2 });
    await c.save();
    expect(c.id).toBe(3);
    await db.close();
    const again = engine({ file, level: 'info' });
    await again.register(CarV3);
    expect(await again.query(CarV3).count()).toBe(3);
  });

  it('a new table starts at the model version; an older model on a newer table is refused', async () => {
    const file = path.join(tmpDir(), 'new.sqlite');
    const db = engine({ file });
    await db.register(CarV3);
    expect((await db.inspectTables())[0]!.modelVersion).toBe(3);
    await expect(db.register(CarV1)).rejects.toThrow(/at version 3, newer than the model's version 1/);
  });

  it('a failing step or conversion rolls everything back with a clear error; the old model still works', async () => {
    const file = await v1File();
    const Broken = defineModel(
      'Car',
      { name: TextField(), hp: IntegerField(), turbo: IntegerField(), seats: IntegerField() },
      {
        version: 2,
        migrate: { 2: (m) => m.convert('seats', (_v, row) => (row.name === 'Van' ? 'eight' : 4)) },
      },
    );
    const db = engine({ file, level: 'info' });
    const err = await db.register(Broken).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(SchemaError);
    expect(err!.message).toMatch(
      /cannot migrate table Car of database test from version 1 to 2: row 2: the converted value of seats is not valid: expected an integer.*Nothing was changed/,
    );
    const Missing = defineModel(
      'Car',
      { name: TextField(), hp: IntegerField(), turbo: IntegerField(), seats: IntegerField() },
      { version: 2, migrate: { 2: () => undefined } },
    );
    await expect(db.register(Missing)).rejects.toThrow(/seats would be NULL but the field is NOT NULL/);
    const Throws = defineModel(
      'Car',
      { name: TextField(), hp: IntegerField(), turbo: IntegerField() },
      {
        version: 2,
        migrate: {
          2: () => {
            throw new Error('boom');
          },
        },
      },
    );
    await expect(db.register(Throws)).rejects.toThrow(/to version 2: its migrate step failed: boom/);
    const Gap = defineModel(
      'Car',
      { name: TextField(), hp: IntegerField(), turbo: IntegerField() },
      { version: 3, migrate: { 3: () => undefined } },
    );
    await expect(db.register(Gap)).rejects.toThrow(/has no migrate step for version 2/);
    await db.register(CarV1);
    expect((await db.query(CarV1).orderBy('id').all()).map((c) => c.name)).toEqual(['Roadster', 'Van']);
    expect((await db.inspectTables()).map((t) => [t.name, t.modelVersion])).toEqual([['Car', 1]]);
  });
});

describe('versioned migrations', () => {
  it('through the manager, a guild whose migration fails reports the error while other guilds migrate', async () => {
    const dataDir = tmpDir();
    const first = openManager({ dataDir, level: 'info' });
    await first.manager.registerModel(CarV1);
    for (const id of ['discord-1', 'discord-2']) {
      const db = await first.manager.getDb(id);
      await db.insertMany(CarV1, [{ name: id === 'discord-2' ? 'Broken' : 'Fine', hp: 10, turbo: 0 }]);
    }
    await first.manager.close();
    const Strict = defineModel(
      'Car',
      { name: TextField(), hp: IntegerField(), turbo: IntegerField(), code: TextField() },
      {
        version: 2,
        migrate: {
          2: (m) =>
            m.convert('code', (_v, row) => {
              if (row.name === 'Broken') throw new Error('no code for Broken');
              return `C-${String(row.name)}`;
            }),
        },
      },
    );
    const second = openManager({ dataDir, level: 'info' });
    await second.manager.registerModel(Strict);
    const ok = await second.manager.getDb('discord-1');
    expect((await ok.query(Strict).first())!.code).toBe('C-Fine');
    const bad = await second.manager.getDb('discord-2');
    expect(() => bad.query(Strict)).toThrow(
      /cannot migrate table Car of database discord-2 from version 1 to 2: .*no code for Broken/,
    );
    expect((await bad.inspectTables())[0]!.modelVersion).toBe(1);
  });

  it('bad version and migrate options are refused when the model is defined', () => {
    const f = { n: IntegerField({ constraints: [Default(0)] }) };
    expect(() => defineModel('M', f, { version: 0 })).toThrow(ModelDefinitionError);
    expect(() => defineModel('M', f, { version: 2, migrate: { 3: () => undefined } })).toThrow(/from 2 to 2/);
    expect(() => defineModel('M', f, { version: 2, migrate: { 2: 'x' as never } })).toThrow(
      /must be a function/,
    );
  });
});
