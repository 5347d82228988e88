import { openSync, readFileSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** In the data dir: which supervisor runs the bot of this data dir. */
export const LOCK_FILE = 'supervisor.lock';

interface LockRecord {
  pid: number;
  host: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One supervisor per data dir (without `sharding.hostId`, its SQLite files and clusters are not
 * shared). Returns null when this process now holds the lock, else why not. A lock left by a
 * process of this machine that is gone is taken over; one from another machine is not (its
 * liveness cannot be checked: the message says to delete the file).
 */
export function lockDataDir(dataDir: string): string | null {
  const file = path.join(dataDir, LOCK_FILE);
  const mine: LockRecord = { pid: process.pid, host: os.hostname() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeFileSync(fd, JSON.stringify(mine));
      closeSync(fd);
      return null;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null; // no data dir yet: nothing to share
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST')
        return `cannot lock the data dir: ${(err as Error).message}`;
    }
    let other: LockRecord | null = null;
    try {
      other = JSON.parse(readFileSync(file, 'utf8')) as LockRecord;
    } catch {
      other = null; // half-written or garbage: treated as stale
    }
    if (other && other.host === mine.host && other.pid === mine.pid) return null;
    if (other && typeof other.pid === 'number' && (other.host !== mine.host || alive(other.pid)))
      return (
        `another supervisor (pid ${other.pid} on ${other.host}) already runs the bot of ${dataDir}: ` +
        'two hosts cannot share one bot over SQLite files. Stop it, or share the bot through ' +
        `PostgreSQL (database.engine "postgres" and a sharding.hostId per host); if that host is gone, delete ${file}`
      );
    rmSync(file, { force: true }); // stale: its process is gone
  }
  return `cannot lock the data dir ${dataDir}`;
}

/** Releases the lock if this process holds it. */
export function unlockDataDir(dataDir: string): void {
  const file = path.join(dataDir, LOCK_FILE);
  try {
    const record = JSON.parse(readFileSync(file, 'utf8')) as LockRecord;
    if (record.pid === process.pid && record.host === os.hostname()) rmSync(file, { force: true });
  } catch {
    // not there or not ours
  }
}
