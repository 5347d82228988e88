// The seed's walkthrough of the ORM, step by step: a Car model with a PK + AutoIncrement serial,
// registered with the manager, the guild's database from the message, db.new → assign → save,
// a query filtered on the serial iterated with for-await, and Query.delete for bulk deletion.
import { describe, expect, it } from 'vitest';
import {
  AIConstraint,
  AutoIncrement,
  Equals,
  Ge,
  IntegerField,
  Model,
  PK,
  PKConstraint,
  TextField,
  UnboundRecordError,
  defineModel,
} from '../../src/main/runtime/cmdsys/api/index';
import { messageFrom, useDatabases } from './support';

const { manager: openManager } = useDatabases();

class Car extends defineModel('Car', {
  car_model: TextField(),
  horsepower: IntegerField(),
  serial_number: IntegerField({ constraints: [PK(), AutoIncrement()] }),
}) {}

describe("the seed's Car example", () => {
  it('defines a model whose table is named after it, with the serial number as primary key', () => {
    expect(Car.schema.table).toBe('Car');
    expect(Car.schema.primaryKey.map((c) => c.name)).toEqual(['serial_number']);
    expect(Car.schema.auto?.name).toBe('serial_number');
    expect(Car.schema.implicitId).toBe(false);
    // the seed's constraint class names work too
    const Seed = defineModel('SeedCar', {
      serial_number: IntegerField({ constraints: [new PKConstraint(), new AIConstraint()] }),
    });
    expect(Seed.schema.auto?.name).toBe('serial_number');
  });

  it('registers, creates, saves, queries by serial number, updates and deletes', async () => {
    const { manager, sql } = openManager();
    await manager.registerModel(Car);
    const database = await manager.getDbByMessage(messageFrom('console', 'console'));
    expect(database.id).toBe('console');

    const car = await database.new(Car);
    expect(car).toBeInstanceOf(Car);
    expect(car).toBeInstanceOf(Model);
    expect(car.isBound).toBe(false);
    await expect(car.delete()).rejects.toThrow(UnboundRecordError);
    car.car_model = 'Roadster';
    car.horsepower = 300;
    await car.save();
    expect(car.isBound).toBe(true);
    expect(car.serial_number).toBe(1);

    const second = await database.new(Car);
    second.car_model = 'Beetle';
    second.horsepower = 50;
    await second.save();
    expect(second.serial_number).toBe(2);

    const found: string[] = [];
    for await (const c of database.query(Car).filter({ serial_number: 1 }))
      found.push(`${c.car_model} ${c.horsepower}`);
    expect(found).toEqual(['Roadster 300']);
    // the Equals filter the shorthand stands for
    expect((await database.query(Car).filter(Equals('serial_number', 2)).first())?.car_model).toBe('Beetle');

    car.horsepower = 320;
    await car.save();
    expect((await database.query(Car).filter({ serial_number: 1 }).first())?.horsepower).toBe(320);
    expect(sql().some((s) => s.sql.startsWith('UPDATE "Car" SET'))).toBe(true);

    await second.delete();
    expect(second.isBound).toBe(false);
    expect(await database.query(Car).count()).toBe(1);
  });

  it('Query.delete removes every match with one DELETE statement, without loading records', async () => {
    const { manager, sql } = openManager();
    await manager.registerModel(Car);
    const db = await manager.getDb('console');
    await db.insertMany(
      Car,
      Array.from({ length: 50 }, (_, i) => ({ car_model: `m${i}`, horsepower: i * 10 })),
    );
    const before = sql().length;
    expect(await db.query(Car).filter(Ge('horsepower', 250)).delete()).toBe(25);
    const statements = sql()
      .slice(before)
      .map((s) => s.sql);
    expect(statements).toEqual(['DELETE FROM "Car" WHERE "horsepower" >= ?']);
    expect(await db.query(Car).count()).toBe(25);
  });
});
