// node-flags: --expose-gc
// orm: the ORM against raw better-sqlite3 prepared statements (the limit) and drizzle-orm (the
// peer) on identical file databases (WAL, synchronous=NORMAL), per workload:
//   bulk     100k rows by t.insertMany, then a filtered query (≈ half the rows back as objects)
//   records  the same 100k rows one record at a time (await t.new + await save()) in a transaction
//   saves    10k loaded records changed and save()d one by one in one transaction
// Every ratio is the median of per-round ratios, ORM and raw alternating which goes first, so a
// slow phase of a shared machine slows both sides of a round instead of one side of the median.
// max_event_loop_block_ms: the longest event-loop block during a 300k-row `for await` read and
// a 300k-row insertMany. mem_per_open_db_kb: resident memory per open database (a model registered).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { gt, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { SqliteEngine } from '../src/main/runtime/database/engines/sqlite-engine';
import { Gt } from '../src/main/runtime/database/index';
import { createLogging } from '../src/main/runtime/logging/logging';
import { Car, MIN_HP, expectedRows, hp, median, model } from './lib/orm-workload';
import { readResults, mergeResults } from './lib/merge-results';
import { report } from './lib/report';

const ROWS = Number(process.env.BENCH_ORM_ROWS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ORM_ROUNDS ?? 11);
const SAVES = 10_000;
/** The saves workload is short (~25 ms): it runs this many times per round, each a ratio. */
const SAVES_REPEAT = Number(process.env.BENCH_ORM_SAVES_REPEAT ?? 5);
const STREAM_ROWS = 300_000;
const OPEN_DBS = 200;
const expected = expectedRows(ROWS);

const DDL =
  'CREATE TABLE IF NOT EXISTS "Car" ("car_model" TEXT NOT NULL, "horsepower" INTEGER NOT NULL, ' +
  '"serial_number" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT)';

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

/** 10k loaded rows changed and written one by one in one transaction. */
const saves: Record<'raw' | 'orm', Variant> = {
  raw: async (file) => {
    const db = rawDb(file);
    seedRaw(db);
    const started = clock();
    const rows = db
      .prepare('SELECT "car_model", "horsepower", "serial_number" FROM "Car" LIMIT ?')
      .all(SAVES) as { horsepower: number; serial_number: number }[];
    const update = db.prepare('UPDATE "Car" SET "horsepower" = ? WHERE "serial_number" = ?');
    db.transaction(() => {
      for (const r of rows) update.run(r.horsepower + 1, r.serial_number);
    })();
    const ms = clock.since(started);
    db.close();
    return ms;
  },
  orm: async (file) => {
    const seed = rawDb(file);
    seedRaw(seed);
    seed.close();
    const db = SqliteEngine.open({ id: 'bench', file, logger });
    await db.register(Car);
    const started = clock();
    await db.transaction(async (t) => {
      const cars = await t.query(Car).limit(SAVES).all();
      for (const car of cars) {
        car.horsepower += 1;
        await car.save();
      }
    });
    const ms = clock.since(started);
    await db.close();
    return ms;
  },
};

function seedRaw(db: Sqlite.Database): void {
  const insert = db.prepare('INSERT INTO "Car" ("car_model", "horsepower") VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 0; i < SAVES; i++) insert.run(model(i), hp(i));
  })();
}

const gc = (globalThis as { gc?: () => void }).gc;
async function measure(run: Variant): Promise<Sample> {
  const file = path.join(dir, `db-${fileNo++}.sqlite`);
  gc?.();
  const sample = await run(file);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  return sample;
}

// first, before the workloads leave garbage behind that a collection would subtract
// memory per open database: OPEN_DBS files, each opened with a model registered
gc?.();
const rssBefore = process.memoryUsage().rss;
const opened: SqliteEngine[] = [];
for (let i = 0; i < OPEN_DBS; i++) {
  const db = SqliteEngine.open({ id: `m${i}`, file: path.join(dir, `mem-${i}.sqlite`), logger });
  await db.register(Car);
  await db.query(Car).count();
  opened.push(db);
}
gc?.();
const perDbMb = (process.memoryUsage().rss - rssBefore) / 1024 / 1024 / OPEN_DBS;
for (const db of opened) await db.close();
for (let i = 0; i < OPEN_DBS; i++)
  for (const suffix of ['', '-wal', '-shm'])
    rmSync(path.join(dir, `mem-${i}.sqlite${suffix}`), { force: true });

/** Per-round ratios (wall and CPU) of each ORM workload to its raw counterpart, alternating order. */
const pairs: Record<string, { ours: Variant; base: Variant; repeat: number }> = {
  bulk: { ours: variants.orm_bulk!, base: variants.raw!, repeat: 1 },
  records: { ours: variants.orm_records!, base: variants.raw!, repeat: 1 },
  saves: { ours: saves.orm, base: saves.raw, repeat: SAVES_REPEAT },
  drizzle: { ours: variants.orm_bulk!, base: variants.drizzle!, repeat: 1 },
  records_drizzle: { ours: variants.orm_records!, base: variants.drizzle!, repeat: 1 },
};
const ratios: Record<string, { wall: number[]; cpu: number[]; ours: number[]; base: number[] }> = {};
for (const name of Object.keys(pairs)) ratios[name] = { wall: [], cpu: [], ours: [], base: [] };
// A running bot always has databases open (the global one, the console's): one stays open here
// for the whole run, used once like any, so each round's engines are not the process's only
// ones. Without it (BENCH_ORM_COLD=1) V8 throws away the optimised record code whenever a
// round's last engine is collected, and every round measures code that is still warming up.
const resident = process.env.BENCH_ORM_COLD
  ? null
  : SqliteEngine.open({ id: 'resident', file: path.join(dir, 'resident.sqlite'), logger });
if (resident !== null) {
  await resident.register(Car);
  await resident.transaction(async (t) => {
    const car = await t.new(Car);
    car.car_model = model(0);
    car.horsepower = hp(0);
    await car.save();
    car.horsepower += 1;
    await car.save();
  });
}
let turn = 0;
for (let round = 0; round <= ROUNDS; round++) {
  for (const [name, { ours, base, repeat }] of Object.entries(pairs)) {
    for (let k = 0; k < repeat; k++) {
      let o: Sample;
      let b: Sample;
      if (turn++ % 2 === 0) {
        o = await measure(ours);
        b = await measure(base);
      } else {
        b = await measure(base);
        o = await measure(ours);
      }
      if (round === 0) continue; // warm-up
      const r = ratios[name]!;
      r.wall.push(o.wall / b.wall);
      r.cpu.push(o.cpu / b.cpu);
      r.ours.push(o.wall);
      r.base.push(b.wall);
    }
  }
}

/** Runs `work` while a setImmediate chain records the longest gap between event-loop turns. */
async function longestBlock(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let max = 0;
  let running = true;
  const tick = (): void => {
    const now = performance.now();
    max = Math.max(max, now - last);
    last = now;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  await work();
  running = false;
  tick();
  return max;
}

const streamFile = path.join(dir, 'stream.sqlite');
const streamDb = SqliteEngine.open({ id: 'bench', file: streamFile, logger });
await streamDb.register(Car);
const insertBlock = await longestBlock(() =>
  streamDb.insertMany(
    Car,
    (function* () {
      for (let i = 0; i < STREAM_ROWS; i++) yield { car_model: model(i), horsepower: hp(i) };
    })(),
  ),
);
let streamed = 0;
const readBlock = await longestBlock(async () => {
  for await (const car of streamDb.query(Car)) if (car.horsepower >= 0) streamed++;
});
if (streamed !== STREAM_ROWS) throw new Error(`streamed ${streamed} rows, expected ${STREAM_ROWS}`);
const allBlock = await longestBlock(() => streamDb.query(Car).all());
await streamDb.close();
await resident?.close();

rmSync(dir, { recursive: true, force: true });

const wallOf = (name: string): number => median(ratios[name]!.wall);
if (process.env.BENCH_VERBOSE) console.log(ratios);
// how tightly each median is pinned down: the middle half of its per-round ratios
const quartile = (xs: number[], q: number): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))]!;
for (const [name, r] of Object.entries(ratios))
  console.log(
    `orm (${name}: ${r.wall.length} ratios, wall middle half ${quartile(r.wall, 0.25).toFixed(2)}–${quartile(r.wall, 0.75).toFixed(2)}, cpu ${quartile(r.cpu, 0.25).toFixed(2)}–${quartile(r.cpu, 0.75).toFixed(2)})`,
  );
// the PostgreSQL figures bench `orm-postgres` put in orm.json stay there
const pgFigures = Object.fromEntries(
  Object.entries(readResults('orm')).filter(([key]) => key.startsWith('pg_')),
);
report(
  'orm',
  {
    ratio_to_raw: { value: wallOf('bulk'), unit: 'ratio' },
    ratio_to_drizzle: { value: wallOf('drizzle'), unit: 'ratio' },
    records_ratio_to_raw: { value: wallOf('records'), unit: 'ratio' },
    records_ratio_to_drizzle: { value: wallOf('records_drizzle'), unit: 'ratio' },
    saves_ratio_to_raw: { value: wallOf('saves'), unit: 'ratio' },
    cpu_ratio_to_raw: { value: median(ratios.bulk!.cpu), unit: 'ratio' },
    cpu_records_ratio_to_raw: { value: median(ratios.records!.cpu), unit: 'ratio' },
    cpu_saves_ratio_to_raw: { value: median(ratios.saves!.cpu), unit: 'ratio' },
    raw_ms: { value: median(ratios.bulk!.base), unit: 'ms' },
    orm_bulk_ms: { value: median(ratios.bulk!.ours), unit: 'ms' },
    orm_records_ms: { value: median(ratios.records!.ours), unit: 'ms' },
    drizzle_ms: { value: median(ratios.drizzle!.base), unit: 'ms' },
    saves_raw_ms: { value: median(ratios.saves!.base), unit: 'ms' },
    saves_orm_ms: { value: median(ratios.saves!.ours), unit: 'ms' },
    max_event_loop_block_ms: { value: Math.max(insertBlock, readBlock), unit: 'ms' },
    insert_many_block_ms: { value: insertBlock, unit: 'ms' },
    stream_read_block_ms: { value: readBlock, unit: 'ms' },
    all_read_block_ms: { value: allBlock, unit: 'ms' },
    mem_per_open_db_mb: { value: perDbMb, unit: 'MB' },
  },
  {
    ratio_to_raw: `goal ≤ 1.25; t.insertMany + query().filter().all() / raw, ${ROWS} rows (query returns ${expected}); every ratio: median of ${ROUNDS} per-round ratios (saves: ${ROUNDS * SAVES_REPEAT})`,
    ratio_to_drizzle: 'goal < 1; the same ORM path / drizzle (prepared insert with placeholders + select)',
    records_ratio_to_raw: 'goal ≤ 1.25; one record at a time (await t.new + await save() per row) / raw',
    records_ratio_to_drizzle: 'one record at a time / drizzle',
    saves_ratio_to_raw: `goal ≤ 1.25; ${SAVES} loaded records changed + save()d in one transaction / raw SELECT + prepared UPDATE`,
    cpu_ratio_to_raw: 'ratio_to_raw in process CPU time (steadier on a busy machine); cpu_* likewise',
    raw_ms: 'wall-clock ms per run (median); the other *_ms likewise',
    max_event_loop_block_ms: `goal < 50; longest event-loop block in a ${STREAM_ROWS}-row insertMany and a ${STREAM_ROWS}-row for await read`,
    all_read_block_ms: 'for comparison: the same rows by query().all() (one statement, blocks by design)',
    mem_per_open_db_mb: `resident memory per open database (${OPEN_DBS} opened with a model registered)`,
  },
);
mergeResults('orm', pgFigures, (key) => key.startsWith('pg_'));
