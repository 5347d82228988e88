import { promises as fs } from 'node:fs';
import path from 'node:path';

const SOURCE = /^[^._][^/\\]*\.(?:ts|mts|cts|js|mjs|cjs)$/;
const NOT_A_COMMAND = /\.(?:d\.[mc]?ts|test\.[mc]?[tj]s|spec\.[mc]?[tj]s)$/;

/** Whether a file name in the commands dir is a command file (not a helper, test or declaration). */
export function isCommandFileName(name: string): boolean {
  return SOURCE.test(name) && !NOT_A_COMMAND.test(name);
}

/** Command files directly in the commands dir (subfolders hold helpers they import), sorted. */
export async function scanCommandFiles(commandsDir: string): Promise<string[]> {
  let entries;
  try {
    entries = await fs.readdir(commandsDir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return entries
    .filter((e) => (e.isFile() || e.isSymbolicLink()) && isCommandFileName(e.name))
    .map((e) => e.name)
    .sort();
}

/** `mtime:size` of each path; a missing file gets `missing`. */
export async function signatures(paths: string[]): Promise<Map<string, string>> {
  const entries = await Promise.all(
    paths.map(async (p) => {
      try {
        const stat = await fs.stat(p);
        return [p, `${stat.mtimeMs}:${stat.size}`] as const;
      } catch {
        return [p, 'missing'] as const;
      }
    }),
  );
  return new Map(entries);
}

export function sameSignatures(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

export const absoluteIn = (dir: string, file: string): string => path.join(dir, file);
