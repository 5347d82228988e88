import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FileSaver, OutgoingFile } from '../adapters/types';

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*\.png$/;

/** Thrown for names that are not plain PNG file names of the store, or files it does not have. */
export class ImageStoreError extends Error {
  override readonly name = 'ImageStoreError';
  constructor(
    message: string,
    readonly code: 'bad-name' | 'not-found',
  ) {
    super(message);
  }
}

/**
 * Images the console and IRC cannot show inline, saved under `<dataDir>/images` with a unique
 * name; the newest `keep` are kept. Reading back accepts only plain file names of that folder.
 */
export class ImageStore implements FileSaver {
  /** Save order of this run: breaks ties between files written in the same millisecond. */
  private readonly order = new Map<string, number>();
  private seq = 0;

  constructor(
    readonly dir: string,
    private readonly keep = 200,
  ) {}

  async save(file: OutgoingFile): Promise<string> {
    const stem = path
      .basename(file.name)
      .replace(/\.[^.]*$/, '')
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .slice(0, 60)
      .replace(/^[-_]+|[-_]+$/g, '');
    const ext =
      path.extname(file.name).toLowerCase() === '.png'
        ? '.png'
        : path
            .extname(file.name)
            .replace(/[^.a-z0-9]/gi, '')
            .slice(0, 8) || '.bin';
    const name = `${stem || 'image'}-${Date.now()}-${randomBytes(3).toString('hex')}${ext}`;
    await mkdir(this.dir, { recursive: true });
    const target = path.join(this.dir, name);
    const tmp = `${target}.tmp`;
    await writeFile(tmp, file.data);
    await rename(tmp, target);
    this.order.set(name, ++this.seq);
    await this.trim().catch(() => undefined);
    return target;
  }

  /** The bytes of a saved PNG by its file name (no paths). */
  async read(name: string): Promise<Buffer> {
    if (!SAFE_NAME.test(name) || name.includes('..'))
      throw new ImageStoreError(`not an image file name: ${JSON.stringify(name)}`, 'bad-name');
    const file = path.join(this.dir, name);
    try {
      const [real, dir] = await Promise.all([realpath(file), realpath(this.dir)]);
      if (path.dirname(real) !== dir) throw new ImageStoreError(`no image "${name}"`, 'not-found');
      return await readFile(real);
    } catch (err) {
      if (err instanceof ImageStoreError) throw err;
      throw new ImageStoreError(`no image "${name}"`, 'not-found');
    }
  }

  private async trim(): Promise<void> {
    const names = (await readdir(this.dir)).filter((n) => !n.endsWith('.tmp'));
    if (names.length <= this.keep) return;
    const dated = await Promise.all(
      names.map(async (n) => ({ n, t: (await stat(path.join(this.dir, n))).mtimeMs })),
    );
    dated.sort((a, b) => a.t - b.t || (this.order.get(a.n) ?? 0) - (this.order.get(b.n) ?? 0));
    for (const { n } of dated.slice(0, dated.length - this.keep)) {
      await unlink(path.join(this.dir, n));
      this.order.delete(n);
    }
  }
}
