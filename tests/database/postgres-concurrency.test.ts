// Two bot processes on one PostgreSQL database (here: two engines on one schema, each with its
// own lock, as two processes would be): nothing serialises them but the server, so atomic
// updates, versioned saves and registration must hold on their own.
import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  Default,
  IntegerField,
  TextField,
  defineModel,
} from '../../src/main/runtime/cmdsys/api/index';
import { PostgresEngine } from '../../src/main/runtime/database/engines/postgres-engine';
import { createLogging } from '../../src/main/runtime/logging/logging';
import { engineKinds, testServer, useDatabases } from './support';

const Account = defineModel(
  'Account',
  { name: TextField(), balance: IntegerField(), rev: IntegerField({ constraints: [Default(0)] }) },
  { versionField: 'rev' },
);

describe.each(engineKinds().filter((k) => k === 'postgres'))('two processes on one %s database', (kind) => {
  const { engine } = useDatabases(kind);

  /** A second engine on the first one's schema: another process's view of the same database. */
  function twin(first: PostgresEngine): PostgresEngine {
    return new PostgresEngine({
      id: first.id,
      server: testServer(),
      schema: first.schemaName,
      logger: createLogging({ level: 'warn', console: false }).child('database'),
    });
  }

  it('registering at once creates the table once; increments from both lose nothing', async () => {
    const a = engine() as PostgresEngine;
    const b = twin(a);
    await Promise.all([a.register(Account), b.register(Account)]);
    await a.insertMany(Account, [{ name: 'alice', balance: 0 }]);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? a : b).query(Account).filter({ name: 'alice' }).increment('balance', 5),
      ),
    );
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? b : a).transaction(async (t) => {
          await t.query(Account).filter({ name: 'alice' }).increment('balance', 1);
        }),
      ),
    );
    const alice = (await b.query(Account).first())!;
    expect(alice.balance).toBe(110);
    expect(alice.rev).toBe(30);
    await b.close();
  });

  it("a record saved by the other process is a ConflictError here, and the other's change stays", async () => {
    const a = engine() as PostgresEngine;
    const b = twin(a);
    await a.register(Account);
    await b.register(Account);
    await a.insertMany(Account, [{ name: 'alice', balance: 100 }]);
    const mine = (await a.query(Account).first())!;
    const theirs = (await b.query(Account).first())!;
    theirs.balance = 70;
    await theirs.save();
    mine.balance = 130;
    await expect(mine.save()).rejects.toThrow(ConflictError);
    const now = (await a.query(Account).first())!;
    expect([now.balance, now.rev]).toEqual([70, 1]);
    now.balance = 71;
    await now.save();
    expect((await b.query(Account).first())!.balance).toBe(71);
    await b.close();
  });
});
