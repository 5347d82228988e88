// Open guild databases are an LRU cache with a handle budget (database.maxOpen): idle ones are
// checkpointed and closed and reopen on their next use; a database in a transaction or with
// queued work is never closed under it. 3000 guilds work under a 1024 open-file limit.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, onTestFinished } from 'vitest';
import { IntegerField, TextField, defineModel } from '../../src/main/runtime/cmdsys/api/index';
import { defaultMaxOpen } from '../../src/main/runtime/database/fd-limit';
import { REPO_ROOT } from '../support/run-cli';
import { useDatabases } from './support';

const { tmpDir } = useDatabases();
const Member = defineModel('Member', { name: TextField(), points: IntegerField() });

async function managerWith(maxOpen: number) {
  const { DatabaseManager } = await import('../../src/main/runtime/database/database-manager');
  const { createLogging } = await import('../../src/main/runtime/logging/logging');
  const logging = createLogging({ level: 'info', console: false });
  const manager = new DatabaseManager({ dataDir: tmpDir(), logger: logging.child('database'), maxOpen });
  return { manager, logging };
}

describe('the handle budget', () => {
  it('keeps at most maxOpen databases open; the least recently used idle one is suspended and reopens on use', async () => {
    const { manager } = await managerWith(3);
    await manager.registerModel(Member);
    const dbs = [];
    for (let g = 0; g < 5; g++) {
      const db = await manager.getDb(`discord-${g}`);
      const m = await db.new(Member);
      m.name = `m${g}`;
      m.points = g;
      await m.save();
      dbs.push(db);
      expect(manager.openCount).toBeLessThanOrEqual(3);
    }
    expect(dbs.map((d) => d.suspended)).toEqual([true, true, false, false, false]);
    // suspended means checkpointed: the WAL was folded into the file
    const file = manager.fileOf('discord-0');
    expect(existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0).toBe(0);
    // a record loaded before keeps working through the reopened engine
    const early = (await dbs[1]!.query(Member).first())!;
    expect(dbs[1]!.suspended).toBe(false);
    expect(manager.openCount).toBeLessThanOrEqual(3);
    await dbs[0]!.query(Member).count(); // reopens 0, which suspends another idle one
    early.points = 100;
    await early.save();
    expect((await (await manager.getDb('discord-1')).query(Member).first())!.points).toBe(100);
    expect(manager.openCount).toBeLessThanOrEqual(3);
    await manager.close();
  });

  it('never suspends a database in a transaction or with queued work', async () => {
    const { manager } = await managerWith(1);
    await manager.registerModel(Member);
    const a = await manager.getDb('discord-a');
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const tx = a.transaction(async (t) => {
      await held;
      await t.query(Member).count();
    });
    const b = await manager.getDb('discord-b'); // over budget, but a is busy
    expect(a.suspended).toBe(false);
    expect(manager.openCount).toBe(2);
    release();
    await tx;
    await manager.getDb('discord-c'); // now the idle ones can go
    expect(manager.openCount).toBe(1);
    expect([a.suspended, b.suspended]).toEqual([true, true]);
    await manager.close();
  });

  it('running out of file descriptors says which setting to change', async () => {
    const { DatabaseManager } = await import('../../src/main/runtime/database/database-manager');
    const { DatabaseUnavailableError } = await import('../../src/main/runtime/database/errors');
    const { createLogging } = await import('../../src/main/runtime/logging/logging');
    const manager = new DatabaseManager({
      dataDir: tmpDir(),
      logger: createLogging({ level: 'fatal', console: false }).child('database'),
      maxOpen: 64,
      engineFactory: ({ id }) => {
        throw new DatabaseUnavailableError(
          id,
          `database "${id}" cannot be opened: unable to open database file`,
        );
      },
    });
    await expect(manager.getDb('discord-1')).rejects.toThrow(
      /unable to open database file \(if the process ran out of file descriptors: lower database.maxOpen, now 64, or raise the open-file limit/,
    );
  });

  it('derives the default from the open-file limit', () => {
    expect(defaultMaxOpen(1024)).toBe(128);
    expect(defaultMaxOpen(32)).toBe(8);
    expect(defaultMaxOpen(1_000_000)).toBe(512);
    expect(defaultMaxOpen(null)).toBe(256);
  });
});

describe('3000 guilds under ulimit -n 1024', () => {
  it('all work, each with its row', async () => {
    // real files; on tmpfs when there is one, so 6000 opens and checkpoints do not wait on fsync
    const dataDir = mkdtempSync(
      path.join(existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir(), 'protos-guilds-'),
    );
    onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }));
    const child = path.join(REPO_ROOT, 'tests/database/many-guilds-child.ts');
    const { stdout } = await promisify(execFile)(
      'bash',
      ['-c', `ulimit -n 1024 && exec "${process.execPath}" --import tsx "${child}" "${dataDir}" 3000`],
      { cwd: REPO_ROOT, timeout: 240_000, maxBuffer: 1 << 20 },
    );
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
      limit: number;
      maxOpen: number;
      maxOpenSeen: number;
      verified: number;
      failures: string[];
      failed: number;
    };
    expect(result.limit).toBe(1024);
    expect(result.maxOpen).toBe(128);
    expect(result.failures).toEqual([]);
    expect(result.verified).toBe(3000);
    expect(result.maxOpenSeen).toBeLessThanOrEqual(128);
  }, 300_000);
});
