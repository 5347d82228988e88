// node-flags: --expose-gc
// orm: insert 100k rows in one transaction, then a filtered query over them (≈ half the rows come
// back as objects), three ways in one run on identical databases (file, WAL, synchronous=NORMAL):
// raw better-sqlite3 prepared statements (the limit), this ORM through its public API, and
// drizzle-orm on better-sqlite3 (the peer). Each variant runs ROUNDS times, interleaved; the
// median counts. Ratios are wall-clock; process CPU time (user + system, all threads) is reported
// too, as it is steadier when the machine is shared. The ORM is measured two ways, both through its public API and both followed by
// the same `query().filter().all()`: `t.insertMany` (the bulk API, what a command inserting many
// rows uses: the headline ratios) and one record at a time (`await t.new` + `await save()`).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { gt, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { SqliteEngine } from '../src/main/runtime/database/engines/sqlite-engine';
import {
  AutoIncrement,
  Gt,
  IntegerField,
  PK,
  TextField,
  defineModel,
} from '../src/main/runtime/database/index';
import { createLogging } from '../src/main/runtime/logging/logging';
import { report } from './lib/report';

const ROWS = Number(process.env.BENCH_ORM_ROWS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ORM_ROUNDS ?? 7);
const MIN_HP = 250;
const model = (i: number): string => `model-${i % 1000}`;
const hp = (i: number): number => (i * 7919) % 500;
const expected = Array.from({ length: ROWS }, (_, i) => hp(i)).filter((h) => h > MIN_HP).length;

const DDL =
  'CREATE TABLE IF NOT EXISTS "Car" ("car_model" TEXT NOT NULL, "horsepower" INTEGER NOT NULL, ' +
  '"serial_number" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT)';

class Car extends defineModel('Car', {
  car_model: TextField(),
  horsepower: IntegerField(),
  serial_number: IntegerField({ constraints: [PK(), AutoIncrement()] }),
}) {}

const drizzleCars = sqliteTable('Car', {
  car_model: text('car_model').notNull(),
  horsepower: integer('horsepower').notNull(),
  serial_number: integer('serial_number').primaryKey({ autoIncrement: true }),
});

const dir = mkdtempSync(path.join(os.tmpdir(), 'protos-bench-orm-'));
const logger = createLogging({ level: 'info', console: false }).child('database');
let fileNo = 0;

function rawDb(file: string): Sqlite.Database {
  const db = new Sqlite(file, { timeout: 5000 });
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  db.exec(DDL);
  return db;
}

function check(name: string, n: number): void {
  if (n !== expected) throw new Error(`${name}: the query returned ${n} rows, expected ${expected}`);
}

interface Sample {
  wall: number;
  cpu: number;
}
/** Wall-clock and process CPU time (user + system) together: the machine may be shared. */
function clock(): Sample {
  const cpu = process.cpuUsage();
  return { wall: performance.now(), cpu: (cpu.user + cpu.system) / 1000 };
}
clock.since = (start: Sample): Sample => {
  const now = clock();
  return { wall: now.wall - start.wall, cpu: now.cpu - start.cpu };
};

type Variant = (file: string) => Promise<Sample>;

const variants: Record<string, Variant> = {
  raw: async (file) => {
    const db = rawDb(file);
    const started = clock();
    const insert = db.prepare('INSERT INTO "Car" ("car_model", "horsepower") VALUES (?, ?)');
    db.transaction(() => {
      for (let i = 0; i < ROWS; i++) insert.run(model(i), hp(i));
    })();
    const rows = db
      .prepare('SELECT "car_model", "horsepower", "serial_number" FROM "Car" WHERE "horsepower" > ?')
      .all(MIN_HP) as { horsepower: number }[];
    const ms = clock.since(started);
    check('raw', rows.length);
    db.close();
    return ms;
  },
  orm_records: async (file) => {
    const db = SqliteEngine.open({ id: 'bench', file, logger });
    await db.register(Car);
    const started = clock();
    await db.transaction(async (t) => {
      for (let i = 0; i < ROWS; i++) {
        const car = await t.new(Car);
        car.car_model = model(i);
        car.horsepower = hp(i);
        await car.save();
      }
    });
    const cars = await db.query(Car).filter(Gt('horsepower', MIN_HP)).all();
    const ms = clock.since(started);
    check('orm_records', cars.length);
    await db.close();
    return ms;
  },
  orm_bulk: async (file) => {
    const db = SqliteEngine.open({ id: 'bench', file, logger });
    await db.register(Car);
    const started = clock();
    await db.transaction(async (t) => {
      await t.insertMany(
        Car,
        (function* () {
          for (let i = 0; i < ROWS; i++) yield { car_model: model(i), horsepower: hp(i) };
        })(),
      );
    });
    const cars = await db.query(Car).filter(Gt('horsepower', MIN_HP)).all();
    const ms = clock.since(started);
    check('orm_bulk', cars.length);
    await db.close();
    return ms;
  },
  drizzle: async (file) => {
    const sqlite = rawDb(file);
    const db = drizzle(sqlite);
    const started = clock();
    // drizzle's fast path: one prepared insert with placeholders
    const insert = db
      .insert(drizzleCars)
      .values({ car_model: sql.placeholder('m'), horsepower: sql.placeholder('h') })
      .prepare();
    db.transaction(() => {
      for (let i = 0; i < ROWS; i++) insert.run({ m: model(i), h: hp(i) });
    });
    const rows = db.select().from(drizzleCars).where(gt(drizzleCars.horsepower, MIN_HP)).all();
    const ms = clock.since(started);
    check('drizzle', rows.length);
    sqlite.close();
    return ms;
  },
};

const gc = (globalThis as { gc?: () => void }).gc;
const samples: Record<string, Sample[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
for (let round = 0; round <= ROUNDS; round++) {
  for (const [name, run] of Object.entries(variants)) {
    const file = path.join(dir, `db-${fileNo++}.sqlite`);
    gc?.();
    const sample = await run(file);
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    if (round > 0) samples[name]!.push(sample); // round 0 warms up
  }
}
rmSync(dir, { recursive: true, force: true });

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const cpu = (name: string): number => median(samples[name]!.map((s) => s.cpu));
const wall = (name: string): number => median(samples[name]!.map((s) => s.wall));

report(
  'orm',
  {
    ratio_to_raw: { value: wall('orm_bulk') / wall('raw'), unit: 'ratio' },
    ratio_to_drizzle: { value: wall('orm_bulk') / wall('drizzle'), unit: 'ratio' },
    records_ratio_to_raw: { value: wall('orm_records') / wall('raw'), unit: 'ratio' },
    records_ratio_to_drizzle: { value: wall('orm_records') / wall('drizzle'), unit: 'ratio' },
    cpu_ratio_to_raw: { value: cpu('orm_bulk') / cpu('raw'), unit: 'ratio' },
    cpu_records_ratio_to_raw: { value: cpu('orm_records') / cpu('raw'), unit: 'ratio' },
    raw_ms: { value: wall('raw'), unit: 'ms' },
    orm_bulk_ms: { value: wall('orm_bulk'), unit: 'ms' },
    orm_records_ms: { value: wall('orm_records'), unit: 'ms' },
    drizzle_ms: { value: wall('drizzle'), unit: 'ms' },
  },
  {
    ratio_to_raw: `goal ≤ 1.25; ORM (t.insertMany + query().filter().all()) / raw; wall-clock, median of ${ROUNDS}; ${ROWS} rows, the query returns ${expected}`,
    ratio_to_drizzle: 'goal < 1; the same ORM path / drizzle (prepared insert with placeholders + select)',
    records_ratio_to_raw: 'ORM one record at a time (await t.new + await save() per row) / raw',
    records_ratio_to_drizzle: 'ORM one record at a time / drizzle',
    cpu_ratio_to_raw:
      'ratio_to_raw in process CPU time (all threads, GC helpers included; steadier on a busy machine)',
    cpu_records_ratio_to_raw: 'records_ratio_to_raw in process CPU time',
    raw_ms: 'wall-clock ms per run (median); the other *_ms likewise',
  },
);
