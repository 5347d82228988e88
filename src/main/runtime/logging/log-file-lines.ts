import { open, readdir } from 'node:fs/promises';
import path from 'node:path';
import { LOG_FILE_NAME } from '../../../shared/dto/log-history';

/** Rolling log files in a log dir, newest first (by date, then by pino-roll's file number). */
export async function listLogFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const key = (name: string): [string, number] => {
    const [, date = '', n = '0'] = /^bot\.(\d{4}-\d{2}-\d{2})\.(\d+)\.log$/.exec(name) ?? [];
    return [date, Number(n)];
  };
  return names
    .filter((n) => LOG_FILE_NAME.test(n))
    .sort((a, b) => {
      const [da, na] = key(a);
      const [db, nb] = key(b);
      return da === db ? nb - na : da < db ? 1 : -1;
    });
}

const CHUNK = 64 * 1024;
/** A line longer than this (bytes) is skipped when read backwards. */
export const MAX_LINE_BYTES = 4 * 1024 * 1024;

export interface FileLine {
  text: string;
  /** Byte offset where the line starts. */
  start: number;
}

export interface BackwardChunk {
  /** Complete lines that ended before `offset`, newest first (empty lines left out). */
  lines: FileLine[];
  /** Where the unread part of the file now ends (0: the whole file was read). */
  offset: number;
  bytesRead: number;
  /** Lines longer than MAX_LINE_BYTES that were skipped. */
  skipped: number;
}

/**
 * Reads the complete lines that end at or before `offset` of a file, backwards, about one chunk
 * at a time (a longer line grows the read up to MAX_LINE_BYTES; past that the line is skipped).
 * `offset` must sit at the start of a line (or at the end of the file, or beyond it).
 */
export async function readLinesBefore(file: string, offset: number): Promise<BackwardChunk> {
  const handle = await open(file, 'r');
  try {
    const size = (await handle.stat()).size;
    let end = Math.min(offset, size);
    let want = CHUNK;
    let skipped = 0;
    let bytesRead = 0;
    // After a too-long line: the bytes back to the newline before it still belong to it.
    let discarding = false;
    while (end > 0) {
      const start = Math.max(0, end - want);
      const data = Buffer.alloc(end - start);
      const { bytesRead: n } = await handle.read(data, 0, data.length, start);
      bytesRead += n;
      if (discarding) {
        const last = data.lastIndexOf(0x0a, n - 1);
        end = last === -1 ? start : start + last + 1;
        discarding = last === -1 && start > 0;
        want = CHUNK;
        continue;
      }
      // The first line of the window starts after its first newline (or at 0), and that newline
      // must not be the one ending the window.
      const first = start === 0 ? -1 : data.indexOf(0x0a);
      if (start > 0 && (first === -1 || first >= n - 1)) {
        if (want < MAX_LINE_BYTES) {
          want *= 4;
          continue;
        }
        skipped++;
        discarding = true;
        end = start;
        continue;
      }
      const lines: FileLine[] = [];
      let lineStart = first + 1;
      for (let i = lineStart; i < n; i++) {
        if (data[i] !== 0x0a) continue;
        if (i > lineStart)
          lines.push({ text: data.toString('utf8', lineStart, i), start: start + lineStart });
        lineStart = i + 1;
      }
      // A last line without its newline (still being written, or a torn end) counts too.
      if (lineStart < n) lines.push({ text: data.toString('utf8', lineStart, n), start: start + lineStart });
      lines.reverse();
      return { lines, offset: start + first + 1, bytesRead, skipped };
    }
    return { lines: [], offset: 0, bytesRead, skipped };
  } finally {
    await handle.close();
  }
}

/** The whole-path form of a log file name (the name is validated against LOG_FILE_NAME). */
export function logFilePath(dir: string, name: string): string {
  if (!LOG_FILE_NAME.test(name)) throw new Error(`not a log file name: ${name}`);
  return path.join(dir, name);
}
