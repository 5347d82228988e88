import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileHistory, HistoryError } from './file-history';

const root = mkdtempSync(path.join(os.tmpdir(), 'protos-history-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = (limit?: number): FileHistory => new FileHistory(path.join(root, `h${n++}`), limit);

describe('FileHistory', () => {
  it('lists recorded versions newest first and reads each one back', async () => {
    const h = fresh();
    const a = await h.record('a.ts', 'one', 'panel-browser', { now: 1_000 });
    const b = await h.record('a.ts', 'two ✓', 'disk', { now: 2_000 });
    const list = await h.list('a.ts');
    expect(list.map((v) => v.id)).toEqual([b.id, a.id]);
    expect(b).toMatchObject({
      savedAt: 2_000,
      bytes: Buffer.byteLength('two ✓'),
      source: 'disk',
      restoredFrom: null,
    });
    expect((await h.read('a.ts', a.id)).content).toBe('one');
    expect((await h.read('a.ts', b.id)).content).toBe('two ✓');
    expect(await h.list('other.ts')).toEqual([]);
  });

  it('does not store the same content twice in a row, but a rollback always counts', async () => {
    const h = fresh();
    const a = await h.record('a.ts', 'same', 'panel', { now: 5 });
    expect(await h.record('a.ts', 'same', 'panel', { now: 6 })).toEqual(a);
    const r = await h.record('a.ts', 'same', 'rollback', { now: 7, restoredFrom: a.id });
    expect(r.restoredFrom).toBe(a.id);
    expect(await h.list('a.ts')).toHaveLength(2);
  });

  it('keeps ids ordered when two saves share a millisecond or the clock goes back', async () => {
    const h = fresh();
    const a = await h.record('a.ts', 'x', 'panel', { now: 10 });
    const b = await h.record('a.ts', 'y', 'panel', { now: 10 });
    const c = await h.record('a.ts', 'z', 'panel', { now: 3 });
    expect([a.savedAt, b.savedAt, c.savedAt]).toEqual([10, 11, 12]);
    expect((await h.list('a.ts')).map((v) => v.id)).toEqual([c.id, b.id, a.id]);
  });

  it('drops the oldest versions beyond the limit, content files included', async () => {
    const h = fresh(3);
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await h.record('a.ts', `v${i}`, 'panel', { now: 100 + i })).id);
    expect((await h.list('a.ts')).map((v) => v.id)).toEqual(ids.slice(2).reverse());
    expect(readdirSync(path.join(h.root, 'a.ts')).filter((f) => f.endsWith('.src'))).toHaveLength(3);
    await expect(h.read('a.ts', ids[0]!)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('refuses names that are not plain command file names', async () => {
    const h = fresh();
    await expect(h.record('../escape.ts', 'x', 'panel')).rejects.toThrow(/invalid command file name/);
    await expect(h.list('sub/dir.ts')).rejects.toThrow(/invalid command file name/);
    expect(() => fresh(0)).toThrow(RangeError);
  });

  it('reports an unknown version, a damaged index and tampered content clearly', async () => {
    const h = fresh();
    const a = await h.record('a.ts', 'good', 'panel', { now: 1 });
    await expect(h.read('a.ts', `0000000000001-${'0'.repeat(32)}`)).rejects.toBeInstanceOf(HistoryError);
    writeFileSync(path.join(h.root, 'a.ts', `${a.id}.src`), 'tampered');
    await expect(h.read('a.ts', a.id)).rejects.toMatchObject({ code: 'corrupt' });
    rmSync(path.join(h.root, 'a.ts', `${a.id}.src`));
    await expect(h.read('a.ts', a.id)).rejects.toMatchObject({ code: 'not-found' });
    writeFileSync(path.join(h.root, 'a.ts', 'index.json'), '{"versions": [{"id": 1}]');
    await expect(h.list('a.ts')).rejects.toMatchObject({ code: 'corrupt', message: /damaged/ });
  });
});
