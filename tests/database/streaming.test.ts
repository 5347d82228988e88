// Large reads and writes never freeze the bot (issue 18): `for await` over a query streams it
// in pages with event-loop turns between them, and insertMany inserts in time slices with turns
// between them, still all or nothing.
import { describe, expect, it } from 'vitest';
import {
  Gt,
  IntegerField,
  PK,
  TextField,
  TransactionError,
  ValidationError,
  defineModel,
} from '../../src/main/runtime/cmdsys/api/index';
import { STREAM_PAGE } from '../../src/main/runtime/database/query';
import { engineKinds, useDatabases } from './support';

describe.each(engineKinds())('%s engine', (kind) => {
  const { engine } = useDatabases(kind);

  const Row = defineModel('Row', { n: IntegerField(), label: TextField() });
  const Keyed = defineModel('Keyed', { code: TextField({ constraints: [PK()] }), n: IntegerField() });

  /** Counts event-loop turns (setImmediate callbacks) while `work` runs. */
  async function turnsDuring<T>(work: () => Promise<T>): Promise<{ result: T; turns: number }> {
    let turns = 0;
    let running = true;
    const tick = (): void => {
      turns++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    try {
      const result = await work();
      return { result, turns };
    } finally {
      running = false;
    }
  }

  const rows = (count: number) => Array.from({ length: count }, (_, n) => ({ n, label: `row ${n}` }));

  describe('streaming reads', () => {
    it('for await streams every row in pages, with event-loop turns between the pages', async () => {
      const db = engine({ level: 'info' });
      await db.register(Row);
      await db.insertMany(Row, rows(25_500));
      const { result: seen, turns } = await turnsDuring(async () => {
        const out: number[] = [];
        for await (const r of db.query(Row)) out.push(r.n);
        return out;
      });
      expect(seen).toHaveLength(25_500);
      expect(seen.every((n, i) => n === i)).toBe(true);
      expect(turns).toBeGreaterThanOrEqual(Math.floor(25_500 / STREAM_PAGE) - 1);
    });

    it('streamed results equal all() with filters, order, limit and offset; streamed records save', async () => {
      const db = engine({ level: 'info' });
      await db.register(Row);
      await db.register(Keyed);
      await db.insertMany(Row, rows(5_000));
      await db.insertMany(
        Keyed,
        Array.from({ length: 3_000 }, (_, n) => ({ code: `k${String(3000 - n).padStart(5, '0')}`, n })),
      );
      const queries = [
        () => db.query(Row).filter(Gt('n', 100)),
        () => db.query(Row).filter(Gt('n', 100)).limit(2_345).offset(17),
        () => db.query(Row).orderBy('label', 'desc').offset(1_500),
        () => db.query(Row).orderBy('n', 'desc').limit(2_001),
        () => db.query(Keyed),
        () => db.query(Keyed).orderBy('code').offset(999).limit(1_001),
      ];
      for (const q of queries) {
        const streamed: number[] = [];
        for await (const r of q()) streamed.push(r.n);
        const all = (await q().all()).map((r) => r.n);
        if (q().plan().orderBy.length === 0) all.sort((a, b) => a - b);
        expect(q().plan().orderBy.length === 0 ? [...streamed].sort((a, b) => a - b) : streamed).toEqual(all);
      }
      for await (const k of db.query(Keyed).limit(3)) {
        k.n = -1;
        await k.save();
      }
      expect(await db.query(Keyed).filter({ n: -1 }).count()).toBe(3);
    });

    it('a query already loaded iterates its records without running again', async () => {
      const db = engine();
      await db.register(Row);
      await db.insertMany(Row, rows(3));
      const q = await db.query(Row).load();
      const before = db.sql().length;
      const seen: number[] = [];
      for await (const r of q) seen.push(r.n);
      expect(seen).toEqual([0, 1, 2]);
      expect(db.sql().length).toBe(before);
    });
  });

  describe('insertMany in slices', () => {
    it('300k rows: the event loop turns meanwhile, other work waits for the end, all rows are there', async () => {
      const db = engine({ level: 'info' });
      await db.register(Row);
      let countSeenByOther = -1;
      const { result, turns } = await turnsDuring(async () => {
        const insert = db.insertMany(Row, rows(300_000));
        const other = db
          .query(Row)
          .count()
          .then((n) => (countSeenByOther = n));
        const [n] = await Promise.all([insert, other]);
        return n;
      });
      expect(result).toBe(300_000);
      expect(turns).toBeGreaterThan(1);
      expect(countSeenByOther).toBe(300_000); // never a half-done batch
    });

    it('still all or nothing: a bad row late in a large batch leaves no row', async () => {
      const db = engine({ level: 'info' });
      await db.register(Row);
      const batch: object[] = rows(100_000);
      batch[90_000] = { n: 'bad', label: 'x' };
      await expect(db.insertMany(Row, batch as never)).rejects.toThrow(ValidationError);
      expect(await db.query(Row).count()).toBe(0);
      expect(db.lock.busy).toBe(false);
    });

    it('inside a transaction that times out during the batch, nothing is left and the batch stops', async () => {
      const db = engine({ level: 'info' });
      await db.register(Row);
      let produced = 0;
      function* endless() {
        for (;;) {
          produced++;
          yield { n: produced, label: 'x' };
        }
      }
      await expect(db.transaction((t) => t.insertMany(Row, endless()), { timeoutMs: 50 })).rejects.toThrow(
        TransactionError,
      );
      const stoppedAt = produced;
      await new Promise((r) => setTimeout(r, 50));
      expect(produced).toBe(stoppedAt);
      expect(await db.query(Row).count()).toBe(0);
    });
  });
});
