import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { generateToken } from './token';

/** File in the data dir that keeps the browser-mode panel session across restarts. */
export const PANEL_SESSION_FILE = 'panel-session.json';
/** Owner read/write only: the token grants full control of the bot. */
export const PANEL_SESSION_MODE = 0o600;

const SessionSchema = z
  .object({
    token: z.string().regex(/^[A-Za-z0-9_-]{32,128}$/, 'token must be 32-128 URL-safe characters'),
    /** The port the panel last listened on; reused so the printed URL stays valid. */
    port: z.number().int().min(1).max(65_535).nullable(),
  })
  .strict();
export type PanelSession = z.infer<typeof SessionSchema>;

export interface LoadedSession {
  session: PanelSession;
  /** Why the stored file was not used (unreadable, malformed); null when it was, or was absent. */
  replaced: string | null;
}

/**
 * The panel token and last port stored in `<dataDir>/panel-session.json` (mode 0600). Reads the
 * stored session, or makes a fresh one when the file is absent or unusable (the reason is
 * returned so the caller can log it; the bad file is kept beside as `.bad`). Tightens loose
 * file permissions it finds.
 */
export class PanelSessionStore {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, PANEL_SESSION_FILE);
  }

  async load(): Promise<LoadedSession> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      const session = { token: generateToken(), port: null };
      await this.save(session);
      return { session, replaced: null };
    }
    let reason: string;
    try {
      const parsed = SessionSchema.safeParse(JSON.parse(text));
      if (parsed.success) {
        await this.tightenMode();
        return { session: parsed.data, replaced: null };
      }
      reason = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    } catch (err) {
      reason = `not JSON (${(err as Error).message})`;
    }
    await rename(this.file, `${this.file}.bad`);
    const session = { token: generateToken(), port: null };
    await this.save(session);
    return { session, replaced: `${this.file} was unusable (${reason}); a new token was made` };
  }

  /** Writes atomically (temp file + rename) with mode 0600. */
  async save(session: PanelSession): Promise<void> {
    SessionSchema.parse(session);
    await mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify(session, null, 2)}\n`, { mode: PANEL_SESSION_MODE });
    await chmod(tmp, PANEL_SESSION_MODE);
    await rename(tmp, this.file);
  }

  private async tightenMode(): Promise<void> {
    if (process.platform === 'win32') return;
    const { mode } = await stat(this.file);
    if ((mode & 0o777) !== PANEL_SESSION_MODE) await chmod(this.file, PANEL_SESSION_MODE);
  }
}
