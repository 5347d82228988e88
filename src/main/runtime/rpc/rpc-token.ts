import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

export const TOKEN_FILE = 'rpc-token';

export function tokenFileOf(dataDir: string): string {
  return path.join(dataDir, TOKEN_FILE);
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Writes the token as one line, mode 0600, atomically (a reader never sees half a token). */
export async function writeToken(file: string, token: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await fs.writeFile(tmp, `${token}\n`, { mode: 0o600, flag: 'wx' });
    await fs.chmod(tmp, 0o600);
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}

/** The token in the file, or null when there is none (missing or empty file). */
export async function readToken(file: string): Promise<string | null> {
  try {
    const text = (await fs.readFile(file, 'utf8')).trim();
    return text === '' ? null : text;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * The token, generated into the file on first use. A file readable by others is tightened to
 * 0600 (`tightened` says so, for a warning).
 */
export async function ensureToken(
  file: string,
): Promise<{ token: string; created: boolean; tightened: boolean }> {
  const existing = await readToken(file);
  if (existing !== null) {
    let tightened = false;
    if (process.platform !== 'win32') {
      const mode = (await fs.stat(file)).mode & 0o777;
      if (mode !== 0o600) {
        await fs.chmod(file, 0o600);
        tightened = true;
      }
    }
    return { token: existing, created: false, tightened };
  }
  const token = newToken();
  await writeToken(file, token);
  return { token, created: true, tightened: false };
}

/** Replaces the token with a fresh one; the old one stops working at once. */
export async function rotateToken(file: string): Promise<string> {
  const token = newToken();
  await writeToken(file, token);
  return token;
}

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/** Compares a presented token with the expected one in constant time. */
export class TokenCheck {
  private expected: Buffer | null = null;
  private expectedText: string | null = null;

  matches(expected: string | null, given: string | undefined): boolean {
    if (expected === null || given === undefined) return false;
    if (expected !== this.expectedText) {
      this.expectedText = expected;
      this.expected = digest(expected);
    }
    return timingSafeEqual(this.expected!, digest(given));
  }
}
