// Damaged data (issue 18): once SQLite reports the file damaged, the database refuses writes; a
// 0-byte file where a database was expected is reported and moved aside; integrity_check runs
// on demand.
import { readdirSync, openSync, writeSync, closeSync, writeFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DatabaseUnavailableError,
  IntegerField,
  TextField,
  defineModel,
} from '../../src/main/runtime/cmdsys/api/index';
import { useDatabases } from './support';

const { engine, tmpDir } = useDatabases();

const Note = defineModel('Note', { text: TextField(), n: IntegerField() });
const PAGE = 4096;

/** A file database with enough rows to fill many pages, closed (checkpointed). */
async function filled(): Promise<string> {
  const file = path.join(tmpDir(), 'notes.sqlite');
  const db = engine({ file, level: 'info' });
  await db.register(Note);
  await db.insertMany(
    Note,
    Array.from({ length: 2000 }, (_, n) => ({ text: `note ${n} `.repeat(10), n })),
  );
  await db.close();
  return file;
}

/** Overwrites pages [from, to) with garbage (page 1 — the header and schema — stays intact). */
function damagePages(file: string, from: number, to: number): void {
  const fd = openSync(file, 'r+');
  try {
    const junk = Buffer.alloc(PAGE, 0xa5);
    for (let p = from; p < to; p++) writeSync(fd, junk, 0, PAGE, p * PAGE);
  } finally {
    closeSync(fd);
  }
}

describe('a damaged file', () => {
  it('stops accepting writes once a read found the damage; reads say so too', async () => {
    const file = await filled();
    damagePages(file, 10, 20);
    const db = engine({ file, level: 'info' });
    await db.register(Note);
    await expect(db.query(Note).count()).rejects.toThrow(DatabaseUnavailableError);
    expect(db.damaged).toMatch(/malformed|corrupt/i);
    for (let i = 0; i < 5; i++) {
      const note = await db.new(Note);
      note.text = `after ${i}`;
      note.n = i;
      await expect(note.save()).rejects.toThrow(/is damaged .*writes are refused/);
    }
    await expect(db.insertMany(Note, [{ text: 'x', n: 1 }])).rejects.toThrow(DatabaseUnavailableError);
    await expect(db.query(Note).filter({ n: 1 }).update({ text: 'y' })).rejects.toThrow(/writes are refused/);
    await expect(db.query(Note).filter({ n: 1 }).delete()).rejects.toThrow(/writes are refused/);
    await expect(db.transaction(() => 1)).rejects.toThrow(/writes are refused/);
    expect(db.lock.busy).toBe(false);
    const logged = db.logging.ring.tail(500).filter((e) => e.level === 'error' && /is damaged/.test(e.msg));
    expect(logged).toHaveLength(1); // reported once, not per refused write
  });

  it('integrity_check on demand finds the damage (and then refuses writes); a sound file is ok', async () => {
    const file = await filled();
    const sound = engine({ file, level: 'info' });
    await sound.register(Note);
    expect(await sound.integrityCheck()).toMatchObject({ ok: true, problems: [] });
    await sound.close();
    damagePages(file, 10, 20);
    const db = engine({ file, level: 'info' });
    await db.register(Note);
    const report = await db.integrityCheck(5);
    expect(report.ok).toBe(false);
    expect(report.problems.length).toBeGreaterThan(0);
    expect(report.problems.length).toBeLessThanOrEqual(5);
    const note = await db.new(Note);
    note.text = 'x';
    note.n = 1;
    await expect(note.save()).rejects.toThrow(/writes are refused/);
  });
});

describe('a 0-byte file where a database was expected', () => {
  it('is reported and moved aside, not silently used as an empty database', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'g.sqlite');
    writeFileSync(file, '');
    const db = engine({ file, level: 'info' });
    await db.register(Note);
    expect(await db.query(Note).count()).toBe(0);
    const aside = readdirSync(dir).filter((f) => f.startsWith('g.sqlite.empty-'));
    expect(aside).toHaveLength(1);
    expect(statSync(path.join(dir, aside[0]!)).size).toBe(0);
    const errors = db.logging.ring.tail(100).filter((e) => e.level === 'error');
    expect(errors.map((e) => e.msg).join('\n')).toMatch(
      /was empty \(0 bytes\) where a database was expected; moved it aside/,
    );
  });

  it('a new database file is never 0 bytes, so an unused guild is not mistaken for a lost one', async () => {
    const file = path.join(tmpDir(), 'new.sqlite');
    const db = engine({ file, level: 'info' });
    await db.close();
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).size).toBeGreaterThan(0);
  });
});
