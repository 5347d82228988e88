// audit: paging through a guild's audit history with `searchEntries` (what `audit.search` runs),
// against hand-written keyset SQL on better-sqlite3 over the same file (rows as arrays: the
// limit), in one run.
// Two workloads over ENTRIES rows, pages of 500, newest first: the whole history unfiltered, and
// a text search that matches one entry in ten (SQL LIKE narrows, the exact substring check
// follows). Each runs ROUNDS times, interleaved; medians count. Ratio = searchEntries / raw.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { searchEntries } from '../src/main/runtime/audit/audit-search';
import { AuditEntryRecord } from '../src/main/runtime/audit/models';
import { SqliteEngine } from '../src/main/runtime/database/engines/sqlite-engine';
import { createLogging } from '../src/main/runtime/logging/logging';
import { report } from './lib/report';

const ENTRIES = Number(process.env.BENCH_AUDIT_ENTRIES ?? 50_000);
const ROUNDS = Number(process.env.BENCH_AUDIT_ROUNDS ?? 7);
const PAGE = 500;
const dir = mkdtempSync(path.join(os.tmpdir(), 'protos-bench-audit-'));
const file = path.join(dir, 'console.sqlite');
const logger = createLogging({ level: 'warn', console: false }).child('database');

const engine = SqliteEngine.open({ id: 'console', file, logger });
await engine.register(AuditEntryRecord);
const base = Date.now() - ENTRIES * 1000;
await engine.insertMany(
  AuditEntryRecord,
  Array.from({ length: ENTRIES }, (_, i) => ({
    time: base + i * 1000,
    channel: 'general',
    actorId: `u${i % 50}`,
    actorName: `user${i % 50}`,
    command: i % 3 === 0 ? 'kick' : 'mute',
    message: i % 10 === 0 ? `needle ${i}` : `entry ${i}`,
  })),
);
const raw = new Sqlite(file, { readonly: true });

async function viaSearch(text: string | undefined): Promise<number> {
  let seen = 0;
  let cursor: number | undefined;
  for (;;) {
    const page = await searchEntries(
      engine,
      { limit: PAGE, ...(text ? { text } : {}), ...(cursor !== undefined ? { cursor } : {}) },
      { db: 'console', name: 'Console' },
    );
    seen += page.entries.length;
    if (page.nextCursor === null) return seen;
    cursor = page.nextCursor;
  }
}

// rows as arrays (better-sqlite3's fastest mode), the same LIKE the search uses
const rawFirst = raw.prepare('SELECT * FROM "AuditEntry" ORDER BY "no" DESC LIMIT ?').raw(true);
const rawNext = raw.prepare('SELECT * FROM "AuditEntry" WHERE "no" < ? ORDER BY "no" DESC LIMIT ?').raw(true);
const rawTextFirst = raw
  .prepare('SELECT * FROM "AuditEntry" WHERE "message" LIKE ? ORDER BY "no" DESC LIMIT ?')
  .raw(true);
const rawTextNext = raw
  .prepare('SELECT * FROM "AuditEntry" WHERE "message" LIKE ? AND "no" < ? ORDER BY "no" DESC LIMIT ?')
  .raw(true);

function viaRaw(text: string | undefined): number {
  let seen = 0;
  let cursor: number | null = null;
  for (;;) {
    const rows = (
      text
        ? cursor === null
          ? rawTextFirst.all(`%${text}%`, PAGE)
          : rawTextNext.all(`%${text}%`, cursor, PAGE)
        : cursor === null
          ? rawFirst.all(PAGE)
          : rawNext.all(cursor, PAGE)
    ) as unknown[][];
    seen += rows.length;
    if (rows.length < PAGE) return seen;
    cursor = rows[rows.length - 1]![0] as number;
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measure(label: string, text: string | undefined, expected: number) {
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let round = 0; round < ROUNDS + 1; round++) {
    let t = performance.now();
    const a = await viaSearch(text);
    const oursMs = performance.now() - t;
    t = performance.now();
    const b = viaRaw(text);
    const rawMs = performance.now() - t;
    if (a !== expected || b !== expected)
      throw new Error(`${label}: got ${a} / ${b} entries, expected ${expected}`);
    if (round === 0) continue; // warm-up
    ours.push(oursMs);
    theirs.push(rawMs);
  }
  return { ours: median(ours), raw: median(theirs) };
}

try {
  const all = await measure('all', undefined, ENTRIES);
  const needle = await measure('text', 'needle', Math.ceil(ENTRIES / 10));
  report(
    'audit',
    {
      page_all_ratio: { value: all.ours / all.raw, unit: 'ratio' },
      page_all_ms: { value: all.ours, unit: 'ms' },
      page_all_raw_ms: { value: all.raw, unit: 'ms' },
      search_text_ratio: { value: needle.ours / needle.raw, unit: 'ratio' },
      search_text_ms: { value: needle.ours, unit: 'ms' },
      search_text_raw_ms: { value: needle.raw, unit: 'ms' },
    },
    {
      page_all_ratio: `${ENTRIES} entries in pages of ${PAGE}, searchEntries / raw keyset SQL`,
      search_text_ratio: 'text filter matching 1 in 10, searchEntries / raw LIKE SQL',
    },
  );
} finally {
  raw.close();
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
}
