import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LogCursorSchema, LogHistoryRequestSchema, type LogCursor } from '../../../shared/dto/log-history';
import type { LogEntry } from '../../../shared/dto/log';
import type { LogMatch } from '../../../shared/logs/log-match';
import { useTmpDirs } from '../../../../tests/support/tmp-dir';
import { logDirOf, openLogFile } from './log-file';
import { readLinesBefore } from './log-file-lines';
import { readHistory, type HistorySource } from './log-history';
import { exportLogs } from './log-export';
import { createLogging, type Logging } from './logging';

const tmp = useTmpDirs();
const ALL: LogMatch = { minLevel: 'trace', text: '' };

/** Runs a logger with a small ring and the real rolling file, logs `count` lines, flushes it. */
async function run(dataDir: string, count: number, label: string, ringCapacity = 10): Promise<Logging> {
  const file = await openLogFile({ dataDir, filesKept: 5, maxMb: 5 });
  const logging = createLogging({ console: false, file: file.stream, ringCapacity, level: 'trace' });
  for (let i = 0; i < count; i++) logging.child('t').info({ i, run: label }, `${label} line ${i}`);
  await file.flush();
  await file.close();
  return logging;
}

async function readAll(
  source: HistorySource,
  match = ALL,
  limit = 7,
): Promise<{ entries: LogEntry[]; pages: number }> {
  const pages: LogEntry[][] = [];
  let before: LogCursor | undefined;
  for (let n = 0; n < 1_000; n++) {
    const page = await readHistory(source, { before, limit, match });
    expect(page.entries.length).toBeLessThanOrEqual(limit);
    // what a page returns must pass through the contract as it is
    if (page.next) expect(LogCursorSchema.parse(page.next)).toEqual(page.next);
    pages.unshift(page.entries);
    if (!page.next) return { entries: pages.flat(), pages: pages.length };
    before = page.next;
  }
  throw new Error('history never ended');
}

describe('log history', () => {
  it('pages back through the ring and then the file, exactly once per line, oldest first', async () => {
    const dataDir = tmp();
    const logging = await run(dataDir, 50, 'now');
    expect(logging.ring.firstSeq).toBe(40); // the ring holds the newest 10 only
    const { entries, pages } = await readAll({ ring: logging.ring, logDir: logDirOf(dataDir) });
    expect(entries.map((e) => e.seq)).toEqual([...Array(50).keys()]);
    expect(entries.map((e) => e.msg)).toEqual([...Array(50).keys()].map((i) => `now line ${i}`));
    expect(entries[0]).toMatchObject({ name: 't', level: 'info', fields: { i: 0, run: 'now' } });
    expect(entries[0]!.fields).not.toHaveProperty('_seq');
    expect(pages).toBe(8); // 50 lines in pages of 7
  });

  it('reads the lines of earlier runs after the current one, with negative seqs below it', async () => {
    const dataDir = tmp();
    await run(dataDir, 30, 'old');
    const logging = await run(dataDir, 20, 'new', 5);
    const { entries } = await readAll({ ring: logging.ring, logDir: logDirOf(dataDir) }, ALL, 9);
    expect(entries.map((e) => e.msg)).toEqual([
      ...[...Array(30).keys()].map((i) => `old line ${i}`),
      ...[...Array(20).keys()].map((i) => `new line ${i}`),
    ]);
    const seqs = entries.map((e) => e.seq);
    expect(seqs.slice(30)).toEqual([...Array(20).keys()]);
    expect(seqs.slice(0, 30).every((s) => s < 0)).toBe(true);
    expect(new Set(seqs).size).toBe(50);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
  });

  it('filters by level, words and time range, and stops at the first line older than the range', async () => {
    const dataDir = tmp();
    const file = await openLogFile({ dataDir, filesKept: 5, maxMb: 5 });
    const logging = createLogging({ console: false, file: file.stream, ringCapacity: 4 });
    const log = logging.child('cmd:quiz');
    const realNow = Date.now;
    let clock = 1_000_000;
    Date.now = () => clock;
    try {
      for (let i = 0; i < 40; i++) {
        clock = 1_000_000 + i * 1_000;
        if (i % 10 === 0) log.error({ err: new Error(`boom ${i}`) }, 'quiz failed');
        else log.info({ i }, `question ${i}`);
      }
    } finally {
      Date.now = realNow;
    }
    await file.flush();
    await file.close();
    const source = { ring: logging.ring, logDir: logDirOf(dataDir) };
    const errors = await readAll(source, { minLevel: 'error', text: '' });
    expect(errors.entries.map((e) => e.err?.message)).toEqual(['boom 0', 'boom 10', 'boom 20', 'boom 30']);
    const words = await readAll(source, { minLevel: 'trace', text: 'QUESTION 1' });
    // every word must appear somewhere: `1` also in 21 and 31
    expect(words.entries.map((e) => e.msg)).toEqual(
      [1, 11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31].map((i) => `question ${i}`),
    );
    const range = await readAll(source, { minLevel: 'trace', text: '', from: 1_025_000, to: 1_032_000 });
    expect(range.entries.map((e) => e.time)).toEqual([...Array(8).keys()].map((i) => 1_025_000 + i * 1_000));
  });

  it('skips torn, foreign and over-long lines and bounds the bytes one page reads', async () => {
    const dataDir = tmp();
    const dir = logDirOf(dataDir);
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'bot.2026-01-02.1.log');
    const line = (i: number): string =>
      JSON.stringify({ level: 30, time: 1_000 + i, name: 'x', msg: `m${i}` });
    writeFileSync(file, `${line(0)}\nnot json at all\n[1,2]\n`);
    appendFileSync(file, `{"level":30,"msg":"${'y'.repeat(5 * 1024 * 1024)}"}\n`);
    for (let i = 1; i < 2_000; i++) appendFileSync(file, `${line(i)}\n`);
    appendFileSync(file, '{"level":30,"msg":"torn'); // a line still being written
    const ring = createLogging({ console: false }).ring;
    const source = { ring, logDir: dir, scanBytes: 16 * 1024 };
    const first = await readHistory(source, { limit: 2_000, match: ALL });
    expect(first.entries.length).toBeGreaterThan(0);
    expect(first.entries.length).toBeLessThan(2_000); // stopped by the byte budget, not the limit
    expect(first.next).toMatchObject({ source: 'file', file: 'bot.2026-01-02.1.log' });
    const { entries } = await readAll(source, ALL, 500);
    expect(entries.map((e) => e.msg)).toEqual([...Array(2_000).keys()].map((i) => `m${i}`));
  });

  it('reads a file backwards in whole lines and skips one longer than the limit', async () => {
    const file = path.join(tmp(), 'lines.log');
    writeFileSync(file, `a\n${'b'.repeat(5 * 1024 * 1024)}\nc\n`);
    const last = await readLinesBefore(file, Number.MAX_SAFE_INTEGER);
    expect(last.lines.map((l) => l.text)).toEqual(['c']);
    const rest = await readLinesBefore(file, last.offset);
    expect(rest).toMatchObject({ lines: [{ text: 'a', start: 0 }], offset: 0, skipped: 1 });
  });

  it('refuses cursors that name anything but a log file of the data dir', () => {
    for (const file of ['../config.json', '/etc/passwd', 'bot.2026-01-02.1.log/../../x', 'current.log']) {
      const parsed = LogHistoryRequestSchema.safeParse({
        before: { source: 'file', file, offset: 0, skipFromSeq: null, lastSeq: null, nextOlderSeq: -1 },
      });
      expect(parsed.success, file).toBe(false);
    }
  });

  it('returns nothing older when there are no files (logging.filesKept 0)', async () => {
    const logging = createLogging({ console: false, ringCapacity: 3 });
    for (let i = 0; i < 5; i++) logging.root.info(`l${i}`);
    const { entries } = await readAll({ ring: logging.ring, logDir: path.join(tmp(), 'none') });
    expect(entries.map((e) => e.msg)).toEqual(['l2', 'l3', 'l4']);
  });
});

describe('log export', () => {
  it('exports the filter as NDJSON or text, oldest first, and says when a limit cut it', async () => {
    const dataDir = tmp();
    const logging = await run(dataDir, 30, 'x', 4);
    const source = { ring: logging.ring, logDir: logDirOf(dataDir) };
    const json = await exportLogs(
      source,
      { format: 'ndjson', match: { minLevel: 'trace', text: 'line 2' }, limit: 1_000 },
      0,
    );
    expect(json).toMatchObject({
      filename: 'protos-logs-1970-01-01T00-00-00-000Z.ndjson',
      lines: 12,
      truncated: false,
    });
    const parsed = json.content
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as LogEntry);
    // every word must appear: `2` also matches line 12
    expect(parsed.map((e) => e.msg)).toEqual([
      'x line 2',
      'x line 12',
      ...[...Array(10).keys()].map((i) => `x line 2${i}`),
    ]);

    const text = await exportLogs(source, { format: 'log', match: ALL, limit: 5 });
    expect(text).toMatchObject({ lines: 5, truncated: true, mime: 'text/plain' });
    const rows = text.content.trim().split('\n');
    expect(rows).toHaveLength(5);
    expect(rows[4]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z INFO {2}t: x line 29 i=29 run=x$/);
  });
});
