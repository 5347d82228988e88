import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  HistoryEntrySchema,
  type HistoryEntry,
  type HistorySource,
} from '../../../../shared/dto/command-history';
import { commandFilePath } from '../loader/command-files';

/** How many versions of one file are kept by default (the oldest are dropped first). */
export const DEFAULT_HISTORY_LIMIT = 50;

const IndexSchema = z.object({ versions: z.array(HistoryEntrySchema) });

export class HistoryError extends Error {
  constructor(
    message: string,
    readonly code: 'not-found' | 'corrupt',
  ) {
    super(message);
    this.name = 'HistoryError';
  }
}

const hashOf = (content: string): string =>
  createHash('sha256').update(content, 'utf8').digest('hex').slice(0, 32);

async function writeAtomic(file: string, data: string): Promise<void> {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await fs.writeFile(tmp, data, 'utf8');
  await fs.rename(tmp, file);
}

/**
 * The saved versions of each command file, kept in the data dir (`<root>/<file>/`): one content
 * file per version and an index listing them oldest first. Only the newest `limit` versions are
 * kept. Callers serialise the operations on one file (the API does, per file).
 */
export class FileHistory {
  constructor(
    readonly root: string,
    private readonly limit = DEFAULT_HISTORY_LIMIT,
  ) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError('history limit must be a positive integer');
  }

  private folder(file: string): string {
    // the same name check as the commands folder: a plain top-level file name, nothing else
    commandFilePath(this.root, file);
    return path.join(this.root, file);
  }

  private async readIndex(file: string): Promise<HistoryEntry[]> {
    const indexFile = path.join(this.folder(file), 'index.json');
    let text: string;
    try {
      text = await fs.readFile(indexFile, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    try {
      return IndexSchema.parse(JSON.parse(text)).versions;
    } catch {
      throw new HistoryError(`the history index of "${file}" is damaged (${indexFile})`, 'corrupt');
    }
  }

  /** The versions of a file, newest first. */
  async list(file: string): Promise<HistoryEntry[]> {
    return (await this.readIndex(file)).slice().reverse();
  }

  /** The content of one version. */
  async read(file: string, id: string): Promise<{ entry: HistoryEntry; content: string }> {
    const entry = (await this.readIndex(file)).find((v) => v.id === id);
    if (!entry) throw new HistoryError(`no version ${id} of "${file}"`, 'not-found');
    let content: string;
    try {
      content = await fs.readFile(path.join(this.folder(file), `${id}.src`), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT')
        throw new HistoryError(`the content of version ${id} of "${file}" is missing`, 'not-found');
      throw err;
    }
    if (hashOf(content) !== entry.hash)
      throw new HistoryError(`version ${id} of "${file}" does not match its hash`, 'corrupt');
    return { entry, content };
  }

  /**
   * Records a saved version. Content equal to the newest version is not stored twice (its entry
   * is returned). Versions beyond the limit are removed, oldest first.
   */
  async record(
    file: string,
    content: string,
    source: HistorySource,
    options: { restoredFrom?: string; now?: number } = {},
  ): Promise<HistoryEntry> {
    const folder = this.folder(file);
    const versions = await this.readIndex(file);
    const hash = hashOf(content);
    const newest = versions.at(-1);
    if (newest && newest.hash === hash && !options.restoredFrom) return newest;
    // ids are ordered by time; a second save within the same millisecond moves one ahead
    const savedAt = Math.max(options.now ?? Date.now(), (newest?.savedAt ?? 0) + 1);
    const entry: HistoryEntry = {
      id: `${String(savedAt).padStart(13, '0')}-${hash}`,
      savedAt,
      bytes: Buffer.byteLength(content, 'utf8'),
      hash,
      source,
      restoredFrom: options.restoredFrom ?? null,
    };
    await fs.mkdir(folder, { recursive: true });
    await writeAtomic(path.join(folder, `${entry.id}.src`), content);
    versions.push(entry);
    const dropped = versions.splice(0, Math.max(0, versions.length - this.limit));
    await writeAtomic(path.join(folder, 'index.json'), JSON.stringify({ versions }));
    await Promise.all(dropped.map((v) => fs.rm(path.join(folder, `${v.id}.src`), { force: true })));
    return entry;
  }
}
