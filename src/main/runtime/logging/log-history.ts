import { stat } from 'node:fs/promises';
import type { LogEntry } from '../../../shared/dto/log';
import type { LogCursor, LogHistoryPage } from '../../../shared/dto/log-history';
import { compileLogMatch, type LogMatch } from '../../../shared/logs/log-match';
import { entryFromPinoRecord, FILE_SEQ_KEY } from './entry-from-pino';
import { listLogFiles, logFilePath, readLinesBefore } from './log-file-lines';
import type { LogRing } from './log-ring';

type FileCursor = Extract<LogCursor, { source: 'file' }>;

/** Bytes of log files one page may read (a page with few matches stops here and says where). */
export const PAGE_SCAN_BYTES = 8 * 1024 * 1024;

export interface HistoryRequest {
  before?: LogCursor | undefined;
  limit: number;
  match: LogMatch;
}

export interface HistorySource {
  ring: LogRing;
  /** The rolling files' folder (`logDirOf(dataDir)`); it may not exist. */
  logDir: string;
  scanBytes?: number;
}

/**
 * One page of older log history, newest first in the reading but returned oldest first: entries
 * still in the ring, then the lines of the rolling files, going back file by file. Lines of the
 * current run carry the ring's seq (see logging.ts) so the files pick up exactly where the ring
 * ends; lines of earlier runs get negative seqs. Reads are bounded by `limit` and by bytes, and a
 * time range stops the walk at the first line older than its start.
 */
export async function readHistory(source: HistorySource, request: HistoryRequest): Promise<LogHistoryPage> {
  const matches = compileLogMatch(request.match);
  const from = request.match.from ?? Number.NEGATIVE_INFINITY;
  const out: LogEntry[] = [];
  const { ring } = source;
  let cursor: LogCursor | null = request.before ?? { source: 'ring', beforeSeq: ring.lastSeq + 1 };

  if (cursor.source === 'ring') {
    const first = ring.firstSeq;
    let seq = Math.min(cursor.beforeSeq, ring.lastSeq + 1) - 1;
    let tooOld = false;
    for (; seq >= first && out.length < request.limit; seq--) {
      const entry = ring.at(seq);
      if (!entry) continue;
      if (entry.time < from) {
        tooOld = true;
        break;
      }
      if (matches(entry)) out.push(entry);
    }
    if (tooOld) return page(out, null, 0);
    if (out.length >= request.limit && seq >= first)
      return page(out, { source: 'ring', beforeSeq: seq + 1 }, 0);
    cursor = await firstFileCursor(source.logDir, Math.min(cursor.beforeSeq, first));
    if (!cursor) return page(out, null, 0);
  }

  const budget = source.scanBytes ?? PAGE_SCAN_BYTES;
  let scanned = 0;
  let files: string[] | null = null;
  let state: FileCursor = cursor;
  while (out.length < request.limit && scanned < budget) {
    const chunk = await readLinesBefore(logFilePath(source.logDir, state.file), state.offset).catch((err) => {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null; // rolled away meanwhile
      throw err;
    });
    let { skipFromSeq, lastSeq, nextOlderSeq } = state;
    if (chunk) {
      scanned += chunk.bytesRead;
      for (const line of chunk.lines) {
        if (out.length >= request.limit) {
          // the page is full: the next one starts at this (unread) line's end
          state = {
            ...state,
            offset: line.start + Buffer.byteLength(line.text) + 1,
            skipFromSeq,
            lastSeq,
            nextOlderSeq,
          };
          return page(out, state, scanned);
        }
        const record = parseRecord(line.text);
        if (!record) continue;
        const fileSeq = typeof record[FILE_SEQ_KEY] === 'number' ? record[FILE_SEQ_KEY] : null;
        // Walking backwards, a seq that does not fall means an older run's lines begin.
        if (skipFromSeq !== null && (fileSeq === null || (lastSeq !== null && fileSeq >= lastSeq)))
          skipFromSeq = null;
        lastSeq = fileSeq;
        if (skipFromSeq !== null && fileSeq !== null && fileSeq >= skipFromSeq) continue;
        const seq = skipFromSeq !== null && fileSeq !== null ? fileSeq : nextOlderSeq--;
        const entry: LogEntry = { ...entryFromPinoRecord(record), seq };
        if (entry.time < from) return page(out, null, scanned);
        if (matches(entry)) out.push(entry);
      }
    }
    const offset = chunk?.offset ?? 0;
    if (offset > 0) {
      state = { ...state, offset, skipFromSeq, lastSeq, nextOlderSeq };
      continue;
    }
    files ??= await listLogFiles(source.logDir);
    const older = nextFile(files, state.file);
    if (!older) return page(out, null, scanned);
    const size = await sizeOf(logFilePath(source.logDir, older));
    state = { source: 'file', file: older, offset: size, skipFromSeq, lastSeq, nextOlderSeq };
  }
  return page(out, state, scanned);
}

function page(newestFirst: LogEntry[], next: LogCursor | null, scannedBytes: number): LogHistoryPage {
  return { entries: newestFirst.reverse(), next, scannedBytes };
}

function parseRecord(line: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(line);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null; // a torn or foreign line: not a log entry
  }
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

/** The next older file after `current` in a newest-first list (or the newest when `current` is gone). */
function nextFile(newestFirst: string[], current: string): string | null {
  const at = newestFirst.indexOf(current);
  if (at === -1) return newestFirst.find((f) => f < current) ?? null;
  return newestFirst[at + 1] ?? null;
}

async function firstFileCursor(logDir: string, ringFirstSeq: number): Promise<FileCursor | null> {
  const [newest] = await listLogFiles(logDir);
  if (!newest) return null;
  return {
    source: 'file',
    file: newest,
    offset: await sizeOf(logFilePath(logDir, newest)),
    skipFromSeq: ringFirstSeq,
    lastSeq: null,
    nextOlderSeq: -1,
  };
}
