import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { QuarantineFileSchema, type QuarantineEntry, type QuarantineFile } from '../../shared/dto/quarantine';

export const QUARANTINE_FILE = 'quarantine.json';

export interface QuarantineWrite {
  dataDir: string;
  commandsDir: string;
  /** Relative to the commands dir, `/`-separated. */
  file: string;
  entry: Omit<QuarantineEntry, 'sha256' | 'at'>;
  at?: Date;
}

/** Why nothing was written (the file left the commands dir, or its name is not one of ours). */
export class QuarantineRefused extends Error {}

/**
 * Adds one file to `<dataDir>/quarantine.json` (temp file + rename, so a reader never sees half a
 * file). Called only while the runtime is down, so nobody else writes the file meanwhile. An
 * existing file that is not valid is kept aside as `quarantine.json.invalid`, never lost.
 * Returns the entry written.
 */
export function writeQuarantineEntry(write: QuarantineWrite): {
  entry: QuarantineEntry;
  note: string | null;
} {
  const commandsDir = path.resolve(write.commandsDir);
  const absolute = path.resolve(commandsDir, write.file);
  if (!absolute.startsWith(commandsDir + path.sep) || write.file.includes('\\'))
    throw new QuarantineRefused(`"${write.file}" is not a file inside ${commandsDir}`);
  if (!existsSync(absolute)) throw new QuarantineRefused(`${write.file} no longer exists`);
  const sha256 = createHash('sha256').update(readFileSync(absolute)).digest('hex');

  const target = path.join(write.dataDir, QUARANTINE_FILE);
  let current: QuarantineFile = { version: 1, files: {} };
  let note: string | null = null;
  if (existsSync(target)) {
    const text = readFileSync(target, 'utf8');
    let parsed: ReturnType<typeof QuarantineFileSchema.safeParse> | null = null;
    try {
      parsed = QuarantineFileSchema.safeParse(JSON.parse(text));
    } catch {
      parsed = null;
    }
    if (parsed?.success) current = parsed.data;
    else {
      renameSync(target, `${target}.invalid`);
      note = `${target} was not valid; kept as ${QUARANTINE_FILE}.invalid`;
    }
  }
  const entry: QuarantineEntry = { ...write.entry, at: (write.at ?? new Date()).toISOString(), sha256 };
  current.files[write.file] = entry;
  const temp = `${target}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(current, null, 2)}\n`);
  renameSync(temp, target);
  return { entry, note };
}
