// Transactions: commit at the end, rollback on any exception (records return to their state
// before), savepoints for nested transactions, and serialised access: while a transaction is
// open — across awaits — every other operation on that database waits, so no other command's
// writes (or reads) interleave with it. A transaction that hangs is rolled back by its timeout.
import { describe, expect, it } from 'vitest';
import {
  IntegerField,
  TextField,
  TransactionError,
  defineModel,
  type Transaction,
} from '../../src/main/runtime/cmdsys/api/index';
import { commandFile, useHarnesses } from '../support/cmdsys-harness';
import { engineKinds, useDatabases } from './support';

const start = useHarnesses();

const Entry = defineModel('Entry', { who: TextField(), step: IntegerField() });

function gate(): { open: () => void; wait: Promise<void> } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { open, wait };
}

const add = async (t: Pick<Transaction, 'new'>, who: string, step = 0) => {
  const e = await t.new(Entry);
  e.who = who;
  e.step = step;
  await e.save();
  return e;
};

describe.each(engineKinds())('%s engine', (kind) => {
  const { engine } = useDatabases(kind);

  async function entries() {
    const db = engine();
    await db.register(Entry);
    return db;
  }

  describe('transactions', () => {
    it('commit when the body returns, with its value', async () => {
      const db = await entries();
      const value = await db.transaction(async (t) => {
        await add(t, 'a');
        await add(t, 'b');
        return 'done';
      });
      expect(value).toBe('done');
      expect(await db.query(Entry).count()).toBe(2);
      expect(db.sql().map((s) => s.sql)).toContain('COMMIT');
    });

    it('roll back on any exception: rows gone, inserted records unbound again, deleted ones bound again', async () => {
      const db = await entries();
      await add(db, 'kept');
      let inserted: InstanceType<typeof Entry> | null = null;
      let kept: InstanceType<typeof Entry> | null = null;
      const failure = new Error('boom');
      await expect(
        db.transaction(async (t) => {
          inserted = await add(t, 'new');
          expect(inserted.id).toBe(2);
          kept = (await t.query(Entry).filter({ who: 'kept' }).first())!;
          await kept.delete();
          expect(kept.isBound).toBe(false);
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(db.sql().map((s) => s.sql)).toContain('ROLLBACK');
      expect((await db.query(Entry).all()).map((e) => e.who)).toEqual(['kept']);
      expect(inserted!.isBound).toBe(false);
      expect(inserted!.id).toBeUndefined();
      expect(kept!.isBound).toBe(true);
      // both can be saved again as if nothing happened
      await inserted!.save();
      kept!.step = 5;
      await kept!.save();
      expect((await db.query(Entry).orderBy('id').all()).map((e) => `${e.who}${e.step}`)).toEqual([
        'kept5',
        'new0',
      ]);
    });

    it('a synchronous throw in the body rolls back too', async () => {
      const db = await entries();
      await expect(
        db.transaction((t) => {
          void t;
          throw new Error('sync');
        }),
      ).rejects.toThrow('sync');
      await add(db, 'after');
      expect(await db.query(Entry).count()).toBe(1);
    });

    it('nest with savepoints: an inner failure rolls back only the inner part', async () => {
      const db = await entries();
      await db.transaction(async (t) => {
        expect(t.depth).toBe(0);
        await add(t, 'outer', 1);
        const inner = await t
          .transaction(async (s) => {
            expect(s.depth).toBe(1);
            await add(s, 'inner', 1);
            await s.transaction(async (ss) => {
              expect(ss.depth).toBe(2);
              await add(ss, 'innermost', 1);
            });
            throw new Error('inner fails');
          })
          .catch((e: Error) => e.message);
        expect(inner).toBe('inner fails');
        await add(t, 'outer', 2);
      });
      expect((await db.query(Entry).orderBy('id').all()).map((e) => `${e.who}${e.step}`)).toEqual([
        'outer1',
        'outer2',
      ]);
      expect(db.sql().map((s) => s.sql)).toEqual(
        expect.arrayContaining([
          'SAVEPOINT protos_sp_1',
          'SAVEPOINT protos_sp_2',
          'RELEASE protos_sp_2',
          'ROLLBACK TO protos_sp_1',
        ]),
      );
    });

    it('a released savepoint is still rolled back with its transaction', async () => {
      const db = await entries();
      let inner: InstanceType<typeof Entry> | null = null;
      await expect(
        db.transaction(async (t) => {
          await t.transaction(async (s) => {
            inner = await add(s, 'inner');
          });
          expect(inner!.isBound).toBe(true);
          throw new Error('outer fails');
        }),
      ).rejects.toThrow('outer fails');
      expect(await db.query(Entry).count()).toBe(0);
      expect(inner!.isBound).toBe(false);
    });

    it('one savepoint at a time per handle; a handle is dead once its transaction ended', async () => {
      const db = await entries();
      let handle: Transaction | null = null;
      let record: InstanceType<typeof Entry> | null = null;
      await db.transaction(async (t) => {
        handle = t;
        record = await add(t, 'a');
        const first = t.transaction(async () => new Promise((r) => setTimeout(r, 10)));
        await expect(t.transaction(async () => undefined)).rejects.toThrow(
          /savepoint is open inside this transaction/,
        );
        await first;
      });
      expect(handle!.active).toBe(false);
      await expect(handle!.new(Entry)).rejects.toThrow(TransactionError);
      expect(() => handle!.query(Entry)).toThrow(/has ended/);
      // records made through it go on with the database after the commit
      record!.step = 9;
      await record!.save();
      expect((await db.query(Entry).first())!.step).toBe(9);
    });

    it('insertMany inside a transaction is all-or-nothing without ending the transaction', async () => {
      const db = await entries();
      await db.transaction(async (t) => {
        await add(t, 'first');
        await expect(
          t.insertMany(Entry, [
            { who: 'x', step: 1 },
            { who: 'y', step: 'bad' as unknown as number },
          ]),
        ).rejects.toThrow();
        await t.insertMany(Entry, [{ who: 'bulk', step: 1 }]);
      });
      expect((await db.query(Entry).orderBy('id').all()).map((e) => e.who)).toEqual(['first', 'bulk']);
    });
  });

  describe('serialised access', () => {
    it('while a transaction is open, other operations wait; nothing interleaves', async () => {
      const db = await entries();
      const events: string[] = [];
      const paused = gate();
      const inside = gate();
      const tx = db.transaction(async (t) => {
        await add(t, 'tx', 1);
        events.push('tx wrote 1');
        inside.open();
        await paused.wait; // awaits: other code runs meanwhile
        events.push(`tx sees ${await t.query(Entry).count()}`);
        await add(t, 'tx', 2);
        events.push('tx wrote 2');
      });
      await inside.wait;
      const other = (async () => {
        await add(db, 'other');
        events.push('other wrote');
        events.push(`other sees ${await db.query(Entry).count()}`);
      })();
      const reader = db
        .query(Entry)
        .count()
        .then((n) => events.push(`reader sees ${n}`));
      await new Promise((r) => setTimeout(r, 30));
      expect(events).toEqual(['tx wrote 1']);
      expect(db.lock.queued).toBeGreaterThan(0);
      paused.open();
      await Promise.all([tx, other, reader]);
      // FIFO: the reader queued before the other command's write (which first awaited new())
      expect(events).toEqual([
        'tx wrote 1',
        'tx sees 1',
        'tx wrote 2',
        'reader sees 2',
        'other wrote',
        'other sees 3',
      ]);
      expect((await db.query(Entry).orderBy('id').all()).map((e) => `${e.who}${e.step}`)).toEqual([
        'tx1',
        'tx2',
        'other0',
      ]);
    });

    it('a second transaction waits for the first (FIFO), and a rollback frees the database too', async () => {
      const db = await entries();
      const order: string[] = [];
      const first = db.transaction(async (t) => {
        order.push('first begins');
        await new Promise((r) => setTimeout(r, 20));
        await add(t, 'first');
        order.push('first ends');
        throw new Error('first fails');
      });
      const second = db.transaction(async (t) => {
        order.push('second begins');
        await add(t, 'second');
      });
      await expect(first).rejects.toThrow('first fails');
      await second;
      expect(order).toEqual(['first begins', 'first ends', 'second begins']);
      expect((await db.query(Entry).all()).map((e) => e.who)).toEqual(['second']);
    });

    it('a transaction that does not finish in time is rolled back, and the database is free again', async () => {
      const db = await entries();
      const never = gate();
      let handle: Transaction | null = null;
      const hung = db.transaction(
        async (t) => {
          handle = t;
          await add(t, 'lost');
          await never.wait;
          await add(t, 'too late');
        },
        { timeoutMs: 50 },
      );
      await expect(hung).rejects.toThrow(/did not finish within 50 ms and was rolled back/);
      await add(db, 'free');
      expect((await db.query(Entry).all()).map((e) => e.who)).toEqual(['free']);
      await expect(handle!.new(Entry)).rejects.toThrow(/was aborted/);
      never.open();
    });

    it('using the database itself inside the body fails at once with a clear error, never after the body', async () => {
      const db = await entries();
      const started = Date.now();
      await expect(
        db.transaction(async () => {
          await add(db, 'outside');
        }),
      ).rejects.toThrow(
        /in a transaction started by this very code: inside the transaction body, use its handle/,
      );
      expect(Date.now() - started).toBeLessThan(5_000); // not the 30 s timeout
      expect(db.lock.busy).toBe(false);
      expect(await db.query(Entry).count()).toBe(0);
    });
  });

  describe('a record loaded outside, saved inside the transaction body (issue 18)', () => {
    const Account = defineModel('Account', { name: TextField(), balance: IntegerField() });

    async function accounts() {
      const db = engine();
      await db.register(Account);
      await db.insertMany(Account, [
        { name: 'alice', balance: 100 },
        { name: 'bob', balance: 0 },
      ]);
      return db;
    }
    const balances = async (db: Awaited<ReturnType<typeof accounts>>) =>
      (await db.query(Account).orderBy('name').all()).map((a) => `${a.name}=${a.balance}`);

    it('the caller hears "rolled back" and the file holds nothing of the transaction', async () => {
      const db = await accounts();
      const alice = (await db.query(Account).filter({ name: 'alice' }).first())!;
      const transfer = db.transaction(async (t) => {
        alice.balance -= 30;
        await alice.save(); // bound to the database, not to t: refused at once
        const bob = (await t.query(Account).filter({ name: 'bob' }).first())!;
        bob.balance += 30;
        await bob.save();
      });
      await expect(transfer).rejects.toThrow(TransactionError);
      // nothing ran after the rollback, and nothing is queued to run later
      await new Promise((r) => setTimeout(r, 20));
      expect(db.lock.busy).toBe(false);
      expect(await balances(db)).toEqual(['alice=100', 'bob=0']);
    });

    it('an un-awaited save through the outer handle is refused too, even when the body commits', async () => {
      const db = await accounts();
      const alice = (await db.query(Account).filter({ name: 'alice' }).first())!;
      let refused: unknown = null;
      await db.transaction(async (t) => {
        alice.balance = 1;
        alice.save().catch((err: unknown) => (refused = err));
        const bob = (await t.query(Account).filter({ name: 'bob' }).first())!;
        bob.balance = 5;
        await bob.save();
      });
      await new Promise((r) => setTimeout(r, 20));
      expect(refused).toBeInstanceOf(TransactionError);
      expect(await balances(db)).toEqual(['alice=100', 'bob=5']);
    });

    it('t.attach(record) makes a record loaded outside part of the transaction', async () => {
      const db = await accounts();
      const alice = (await db.query(Account).filter({ name: 'alice' }).first())!;
      await expect(
        db.transaction(async (t) => {
          t.attach(alice);
          alice.balance -= 30;
          await alice.save();
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      expect(await balances(db)).toEqual(['alice=100', 'bob=0']);
      await db.transaction(async (t) => {
        t.attach(alice);
        alice.balance = 70;
        await alice.save();
      });
      expect(await balances(db)).toEqual(['alice=70', 'bob=0']);
    });

    it('a nested db.transaction() inside the body is refused instead of waiting for itself', async () => {
      const db = await accounts();
      await expect(db.transaction(() => db.transaction(() => 1))).rejects.toThrow(TransactionError);
      expect(db.lock.busy).toBe(false);
    });

    it('is recognised through helpers and several awaits deep', async () => {
      const db = await accounts();
      const helper = async () => {
        await new Promise((r) => setTimeout(r, 1));
        return db.query(Account).count();
      };
      await expect(
        db.transaction(async (t) => {
          await t.query(Account).count();
          await new Promise((r) => setTimeout(r, 1));
          await helper();
        }),
      ).rejects.toThrow(TransactionError);
      expect(db.lock.busy).toBe(false);
    });

    it("a transaction body on one database waits for another database's transaction (no false alarm)", async () => {
      const a = await accounts();
      const b = engine();
      await b.register(Account);
      const paused = gate();
      const inside = gate();
      const holder = a.transaction(async () => {
        inside.open();
        await paused.wait;
      });
      await inside.wait;
      const other = b.transaction(async (t) => {
        const n = await a.query(Account).count(); // a is held by another command: wait, not an error
        await t.insertMany(Account, [{ name: 'copy', balance: n }]);
      });
      await new Promise((r) => setTimeout(r, 10));
      paused.open();
      await holder;
      await other;
      expect((await b.query(Account).first())!.balance).toBe(2);
    });

    it('another command (another async context) still waits for the transaction and then runs', async () => {
      const db = await accounts();
      const paused = gate();
      const inside = gate();
      const tx = db.transaction(async (t) => {
        inside.open();
        await paused.wait;
        await t.query(Account).filter({ name: 'bob' }).update({ balance: 7 });
      });
      await inside.wait;
      const other = db.query(Account).filter({ name: 'bob' }).first();
      paused.open();
      await tx;
      expect((await other)!.balance).toBe(7);
    });
  });
});

describe('two concurrent command invocations', () => {
  const FILE = commandFile(
    `const Entry = defineModel('Entry', { who: TextField(), step: IntegerField() });

export class SlowTx extends Command {
  setup() {
    this.name = 'slowtx';
    void this.env.database.registerModel(Entry);
  }
  async call() {
    const db = await this.env.database.getDbByMessage(this.msg);
    await db.transaction(async (t) => {
      for (let step = 1; step <= 3; step++) {
        const e = await t.new(Entry);
        e.who = 'tx';
        e.step = step;
        await e.save();
        await this.sleep(40);
      }
      await this.respond(\`tx saw \${await t.query(Entry).count()}\`);
    });
  }
}

export class Quick extends Command {
  setup() {
    this.name = 'quick';
  }
  async call() {
    const db = await this.env.database.getDbByMessage(this.msg);
    const e = await db.new(Entry);
    e.who = 'quick';
    e.step = 0;
    await e.save();
    const all = await db.query(Entry).orderBy('id').all();
    await this.respond(all.map((x) => x.who + x.step).join(','));
  }
}`,
    'Command, IntegerField, TextField, defineModel',
  );

  it('one in a transaction, the other writing meanwhile: the write waits for the commit', async () => {
    const h = await start({ files: { 'entries.ts': FILE } });
    const slow = h.console('slowtx', 'session-a');
    await slow.id();
    await new Promise((r) => setTimeout(r, 60)); // inside the transaction, between its awaits
    const quick = h.console('quick', 'session-b');
    const [quickReply, slowReply] = await Promise.all([quick.done(), slow.done()]);
    expect(slowReply).toEqual(['tx saw 3']);
    expect(quickReply).toEqual(['tx1,tx2,tx3,quick0']);
  });
});
