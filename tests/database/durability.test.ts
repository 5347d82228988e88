// Durability: a child process writes in a loop (WAL, synchronous=NORMAL) and reports every
// commit after it returned; it is killed with SIGKILL mid-flight, three times on the same file.
// Every reported row must be there, no transaction may be half there, and
// PRAGMA integrity_check must say ok.
import { spawn } from 'node:child_process';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/run-cli';
import { engineKinds, postgresUrl, testServer, useDatabases } from './support';

const { tmpDir } = useDatabases();
const WRITER = path.join(REPO_ROOT, 'tests/database/durable-writer.ts');

/** Runs the writer until it acknowledged `minAcks` commits (and a little more), then SIGKILLs it. */
function runAndKill(
  target: string[],
  minAcks: number,
  extraMs: number,
): Promise<{ acked: [number, number][] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, ...target], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked: [number, number][] = [];
    let buffer = '';
    let stderr = '';
    let killing = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the writer made too little progress (${acked.length} commits)\n${stderr}`));
    }, 45_000);
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const m = /^(\d+)-(\d+)$/.exec(line);
        if (m) acked.push([Number(m[1]), Number(m[2])]);
      }
      if (!killing && acked.length >= minAcks) {
        killing = true;
        setTimeout(() => child.kill('SIGKILL'), extraMs);
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`the writer exited on its own (${code})\n${stderr}`));
      else resolve({ acked });
    });
  });
}

describe('durability', () => {
  it('every committed row survives SIGKILL; no transaction is half there; integrity_check is ok', async () => {
    const file = path.join(tmpDir(), 'durable.sqlite');
    const allAcked: [number, number][] = [];
    for (const [minAcks, extraMs] of [
      [40, 0],
      [60, 7],
      [30, 23],
    ] as const) {
      const { acked } = await runAndKill([file], minAcks, extraMs);
      expect(acked.length).toBeGreaterThanOrEqual(minAcks);
      allAcked.push(...acked);

      const db = new Sqlite(file);
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const present = new Set(db.prepare('SELECT seq FROM "Row"').pluck().all() as number[]);
        for (const [from, to] of allAcked)
          for (let s = from; s <= to; s++)
            expect(present.has(s), `acknowledged row ${s} is missing`).toBe(true);
        const batches = db
          .prepare('SELECT batch, COUNT(*) AS n FROM "Row" WHERE batch > 0 GROUP BY batch')
          .all() as { batch: number; n: number }[];
        for (const b of batches) expect(b.n, `batch ${b.batch} is half there`).toBe(5);
        // nothing beyond the last acknowledged commit but at most the one in flight
        const maxAcked = Math.max(...allAcked.map(([, to]) => to));
        const beyond = [...present].filter((s) => s > maxAcked);
        expect(beyond.length).toBeLessThanOrEqual(5);
      } finally {
        db.close();
      }
    }
  }, 180_000);

  describe.each(engineKinds().filter((k) => k === 'postgres'))('on %s', () => {
    it('every acknowledged row survives SIGKILL of the writer (about 10k writes); no batch is half there', async () => {
      const schema = `durable_${process.pid}_${Date.now()}`;
      const server = testServer();
      try {
        const allAcked: [number, number][] = [];
        // writes until well past 10k acknowledged rows in all, killed mid-flight each time
        for (const [minAcks, extraMs] of [
          [900, 0],
          [1200, 5],
          [1100, 17],
        ] as const) {
          const { acked } = await runAndKill(['--postgres', postgresUrl().url!, schema], minAcks, extraMs);
          expect(acked.length).toBeGreaterThanOrEqual(minAcks);
          allAcked.push(...acked);
          const rows = await server.pool.query<{ seq: number; batch: number }>(
            `SELECT seq::int AS seq, batch::int AS batch FROM "${schema}"."Row"`,
          );
          const present = new Set(rows.rows.map((r) => r.seq));
          for (const [from, to] of allAcked)
            for (let s = from; s <= to; s++)
              expect(present.has(s), `acknowledged row ${s} is missing`).toBe(true);
          const sizes = new Map<number, number>();
          for (const r of rows.rows) if (r.batch > 0) sizes.set(r.batch, (sizes.get(r.batch) ?? 0) + 1);
          for (const [batch, n] of sizes) expect(n, `batch ${batch} is half there`).toBe(5);
          const maxAcked = Math.max(...allAcked.map(([, to]) => to));
          expect([...present].filter((s) => s > maxAcked).length).toBeLessThanOrEqual(5);
        }
        const total = allAcked.reduce((n, [from, to]) => n + to - from + 1, 0);
        expect(total).toBeGreaterThan(9_000);
      } finally {
        await server.pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      }
    }, 120_000);
  });
});
