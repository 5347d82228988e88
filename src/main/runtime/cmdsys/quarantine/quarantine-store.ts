import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  QuarantineFileSchema,
  type QuarantineEntry,
  type QuarantineFile,
} from '../../../../shared/dto/quarantine';
import type { Logger } from '../../logging/logging';

export const QUARANTINE_FILE = 'quarantine.json';

/** Hex sha256 of a file's bytes (what a quarantine entry remembers), or null when it is gone. */
export async function contentHash(absFile: string): Promise<string | null> {
  try {
    return createHash('sha256')
      .update(await fs.readFile(absFile))
      .digest('hex');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

const empty = (): QuarantineFile => ({ version: 1, files: {} });

/**
 * `<dataDir>/quarantine.json` on the runtime side. The supervisor writes the same file while the
 * runtime is down, so it is read again before every reload rather than cached for good. A file
 * that cannot be read as a quarantine list is reported, moved aside to `quarantine.json.bad` and
 * treated as empty: a damaged list must never stop the bot. Writes are atomic (temp + rename).
 */
export class QuarantineStore {
  private current: QuarantineFile = empty();

  constructor(
    readonly file: string,
    private readonly logger: Logger,
  ) {}

  static inDataDir(dataDir: string, logger: Logger): QuarantineStore {
    return new QuarantineStore(path.join(dataDir, QUARANTINE_FILE), logger);
  }

  /** Reads the file again (missing = nothing quarantined). Never throws for bad content. */
  async refresh(): Promise<void> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        this.logger.error({ err, file: this.file }, 'cannot read the quarantine list; treating it as empty');
      this.current = empty();
      return;
    }
    let problem: string;
    try {
      const parsed = QuarantineFileSchema.safeParse(JSON.parse(text));
      if (parsed.success) {
        this.current = parsed.data;
        return;
      }
      const issue = parsed.error.issues[0];
      problem = `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`;
    } catch (err) {
      problem = (err as Error).message;
    }
    const aside = `${this.file}.bad`;
    try {
      await fs.rename(this.file, aside);
    } catch (err) {
      this.logger.error({ err }, 'could not move the damaged quarantine list aside');
    }
    this.logger.error(
      { file: this.file, keptAs: aside, problem },
      `the quarantine list is damaged (${problem}); kept as ${path.basename(aside)}, treated as empty`,
    );
    this.current = empty();
  }

  get(file: string): QuarantineEntry | null {
    return Object.hasOwn(this.current.files, file) ? this.current.files[file]! : null;
  }

  entries(): [string, QuarantineEntry][] {
    return Object.entries(this.current.files);
  }

  async add(file: string, entry: QuarantineEntry): Promise<void> {
    await this.refresh();
    this.current.files[file] = entry;
    await this.write();
  }

  /** Removes a file from the list; false when it was not quarantined. */
  async lift(file: string): Promise<boolean> {
    await this.refresh();
    if (!Object.hasOwn(this.current.files, file)) return false;
    delete this.current.files[file];
    await this.write();
    return true;
  }

  private async write(): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.${Date.now()}.tmp`;
    await fs.writeFile(tmp, `${JSON.stringify(this.current, null, 2)}\n`, 'utf8');
    await fs.rename(tmp, this.file);
  }
}
