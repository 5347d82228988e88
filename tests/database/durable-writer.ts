// Child process of durability.test.ts: writes to a database in a loop — single rows, and batches
// of five in one transaction — and reports each commit on stdout only after the commit returned.
// The parent kills it with SIGKILL at some point and checks what survived.
// Usage: durable-writer <file.sqlite>, or durable-writer --postgres <url> <schema>.
import { randomBytes } from 'node:crypto';
import { writeSync } from 'node:fs';
import type { DatabaseEngine } from '../../src/main/runtime/database/engine';
import { PostgresEngine } from '../../src/main/runtime/database/engines/postgres-engine';
import { PostgresServer } from '../../src/main/runtime/database/engines/postgres-server';
import { SqliteEngine } from '../../src/main/runtime/database/engines/sqlite-engine';
import { BlobField, IntegerField, PK, TextField, defineModel } from '../../src/main/runtime/database/index';
import { createLogging } from '../../src/main/runtime/logging/logging';

const file = process.argv[2];
if (!file) throw new Error('usage: durable-writer <file>');

const Row = defineModel('Row', {
  seq: IntegerField({ constraints: [PK()] }),
  batch: IntegerField(),
  text: TextField(),
  blob: BlobField(),
});

const logger = createLogging({ level: 'warn', console: false }).child('database');
const db: DatabaseEngine =
  file === '--postgres'
    ? new PostgresEngine({
        id: 'durable',
        server: new PostgresServer({ url: process.argv[3]!, logger, maxConnections: 2 }),
        schema: process.argv[4]!,
        logger,
      })
    : SqliteEngine.open({ id: 'durable', file, logger });
await db.register(Row);
const last = await db.query(Row).orderBy('seq', 'desc').first();
let seq = (last?.seq ?? 0) + 1;
writeSync(1, 'ready\n');
for (let round = 0; ; round++) {
  const first = seq;
  if (round % 2 === 0) {
    await db.transaction(async (t) => {
      const r = await t.new(Row);
      Object.assign(r, { seq: seq, batch: 0, text: `row ${seq} `.repeat(50), blob: randomBytes(256) });
      await r.save();
    });
    seq++;
  } else {
    await db.transaction(async (t) => {
      await t.insertMany(
        Row,
        Array.from({ length: 5 }, (_, i) => ({
          seq: first + i,
          batch: first,
          text: `batch ${first} row ${i} `.repeat(50),
          blob: randomBytes(256),
        })),
      );
    });
    seq += 5;
  }
  writeSync(1, `${first}-${seq - 1}\n`);
}
