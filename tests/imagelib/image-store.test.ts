import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImageStore, ImageStoreError } from '../../src/main/runtime/imagelib/image-store';
import { useTmpDirs } from '../support/tmp-dir';

const tmp = useTmpDirs();
const png = (n: number) => ({ name: 'card.png', data: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, n]) });

describe('ImageStore', () => {
  it('saves under unique, safe names inside its folder and reads them back', async () => {
    const store = new ImageStore(path.join(tmp(), 'images'));
    const a = await store.save(png(1));
    const b = await store.save({ name: '../../etc/evil name!.png', data: Uint8Array.from([2]) });
    expect(path.dirname(a)).toBe(store.dir);
    expect(path.dirname(b)).toBe(store.dir);
    expect(path.basename(a)).toMatch(/^card-\d+-[0-9a-f]{6}\.png$/);
    expect(path.basename(b)).toMatch(/^evil-name-\d+-[0-9a-f]{6}\.png$/);
    expect(a).not.toBe(await store.save(png(1)));
    expect([...(await store.read(path.basename(a)))]).toEqual([0x89, 0x50, 0x4e, 0x47, 1]);
  });

  it('reads only plain PNG names of its own folder: no traversal, no links out', async () => {
    const root = tmp();
    const store = new ImageStore(path.join(root, 'images'));
    await store.save(png(1));
    writeFileSync(path.join(root, 'secret.png'), 'secret');
    symlinkSync(path.join(root, 'secret.png'), path.join(store.dir, 'link.png'));
    mkdirSync(path.join(store.dir, 'sub.png'));
    for (const name of ['../secret.png', 'a/b.png', '.hidden.png', 'x.txt', '', '..png'])
      await expect(store.read(name)).rejects.toMatchObject({ code: 'bad-name' });
    await expect(store.read('link.png')).rejects.toMatchObject({ code: 'not-found' });
    await expect(store.read('sub.png')).rejects.toBeInstanceOf(ImageStoreError);
    await expect(store.read('missing.png')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('keeps only the newest images', async () => {
    const store = new ImageStore(path.join(tmp(), 'images'), 3);
    const saved: string[] = [];
    for (let i = 0; i < 6; i++) saved.push(path.basename(await store.save(png(i))));
    expect(readdirSync(store.dir).sort()).toEqual(saved.slice(-3).sort());
  });
});
