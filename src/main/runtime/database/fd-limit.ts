import { readFileSync } from 'node:fs';

/** The process's soft limit on open files (Linux: /proc/self/limits), or null where unknown. */
export function openFileLimit(): number | null {
  try {
    const text = readFileSync('/proc/self/limits', 'utf8');
    const m = /^Max open files\s+(\d+|unlimited)\s/m.exec(text);
    if (!m) return null;
    return m[1] === 'unlimited' ? Number.MAX_SAFE_INTEGER : Number(m[1]);
  } catch {
    return null;
  }
}

/**
 * How many databases may be open at once by default: an open SQLite database in WAL mode
 * holds three descriptors (file, -wal, -shm), and the bot needs many more for sockets, logs and
 * child processes, so an eighth of the limit (1024 → 128), between 8 and 512; 256 where the
 * limit is unknown.
 */
export function defaultMaxOpen(limit: number | null = openFileLimit()): number {
  if (limit === null) return 256;
  return Math.max(8, Math.min(512, Math.floor(limit / 8)));
}
