// broadcastEval between hosts through PostgreSQL LISTEN/NOTIFY: answers, messages over the
// NOTIFY size limit through a row, a host that does not answer, and garbage on the channel.
// Runs against the throwaway cluster of the vitest globalSetup; without it the suite is skipped, loudly.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { ClusterEvalResult } from '../../src/shared/process/sharding-messages';
import { createLogging } from '../../src/main/runtime/logging/logging';
import { NOTIFY_PAYLOAD_MAX, PgEvalRelay } from '../../src/main/supervisor/pg-eval-relay';

const pg_ = inject('postgres') ?? { url: null, reason: 'the PostgreSQL globalSetup did not run' };
if (!pg_.url) console.warn(`[postgres] SKIPPING the eval relay tests: ${pg_.reason}`);
const url = pg_.url!;

let logs = '';
const logging = createLogging({ console: { write: (t: string) => (logs += t) } as never, pretty: false });
const prefix = (): string => `e${randomBytes(4).toString('hex')}_`;

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup().catch(() => undefined);
});

type Evaluate = (clusterId: number, source: string, context: unknown) => Promise<ClusterEvalResult>;

async function relayOn(hostId: string, tablePrefix: string, evaluate: Evaluate) {
  const asked: number[] = [];
  const relay = new PgEvalRelay({
    url,
    hostId,
    tablePrefix,
    logger: logging.child(hostId),
    evaluateHere: (clusterId, source, context) => {
      asked.push(clusterId);
      return evaluate(clusterId, source, context);
    },
  });
  cleanups.push(() => relay.stop());
  await relay.start();
  return { relay, asked };
}

const echo: Evaluate = (clusterId, source, context) =>
  Promise.resolve({ clusterId, ok: true, value: { source, context } });

async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

describe.skipIf(!pg_.url)('broadcastEval between hosts through PostgreSQL', () => {
  it('a host evaluates on the cluster asked and its answer comes back to the asking host only', async () => {
    const p = prefix();
    const a = await relayOn('a', p, echo);
    const b = await relayOn('b', p, echo);
    const c = await relayOn('c', p, echo);
    const result = await b.relay.ask('a', 3, '(c) => c.n * 2', { n: 21 }, 2_000);
    expect(result).toEqual({
      clusterId: 3,
      ok: true,
      value: { source: '(c) => c.n * 2', context: { n: 21 } },
    });
    expect(a.asked).toEqual([3]);
    expect(b.asked).toEqual([]);
    expect(c.asked).toEqual([]);
    // an error value on the other host stays an error value here
    const failing = await relayOn('d', p, (clusterId) =>
      Promise.resolve({ clusterId, ok: false, error: 'TypeError: boom' }),
    );
    expect(await a.relay.ask('d', 1, 'x', null, 2_000)).toEqual({
      clusterId: 1,
      ok: false,
      error: 'TypeError: boom',
    });
    expect(failing.asked).toEqual([1]);
  });

  it('asks and answers over the NOTIFY limit go through a short-lived row, deleted once read', async () => {
    const p = prefix();
    await relayOn('a', p, (clusterId, _source, context) =>
      Promise.resolve({ clusterId, ok: true, value: `${String(context)}|${'y'.repeat(30_000)}` }),
    );
    const b = await relayOn('b', p, echo);
    const big = 'x'.repeat(NOTIFY_PAYLOAD_MAX * 2);
    const result = await b.relay.ask('a', 0, 'big', big, 2_000);
    expect(result.ok).toBe(true);
    const value = (result as { value: string }).value;
    expect(value).toBe(`${big}|${'y'.repeat(30_000)}`);
    expect(await sql(`SELECT id FROM ${p}shard_eval_payloads`)).toEqual([]);
  });

  it('a host that does not answer in time gives an error value naming it', async () => {
    const p = prefix();
    const slow = await relayOn('slow', p, () => new Promise(() => undefined));
    const b = await relayOn('b', p, echo);
    const [late, gone] = await Promise.all([
      b.relay.ask('slow', 2, 'x', null, 300),
      b.relay.ask('nobody', 5, 'x', null, 300),
    ]);
    expect(late).toEqual({ clusterId: 2, ok: false, error: 'host slow did not answer within 300 ms' });
    expect(gone).toEqual({ clusterId: 5, ok: false, error: 'host nobody did not answer within 300 ms' });
    expect(slow.asked).toEqual([2]);
    // a stopped relay answers its own asks at once
    await b.relay.stop();
    expect(await b.relay.ask('slow', 2, 'x', null, 300)).toMatchObject({ ok: false, error: /stopped/ });
  });

  it('garbage on the channel is logged and ignored; the relay keeps answering', async () => {
    const p = prefix();
    const a = await relayOn('a', p, echo);
    const b = await relayOn('b', p, echo);
    logs = '';
    const channel = `${p}shard_eval`;
    for (const payload of [
      'not json',
      '{"k":"ask","to":"a"}',
      JSON.stringify({ k: 'ref', to: 'a', ref: 999_999 }),
      JSON.stringify({
        k: 'answer',
        id: 1,
        from: 'mallory',
        to: 'b',
        result: { clusterId: 0, ok: true, value: 1 },
      }),
    ])
      await sql('SELECT pg_notify($1, $2)', [channel, payload]);
    expect(await b.relay.ask('a', 1, 'after', 7, 2_000)).toEqual({
      clusterId: 1,
      ok: true,
      value: { source: 'after', context: 7 },
    });
    expect(a.asked).toEqual([1]);
    expect(logs).toContain('ignored a bad eval relay message');
    expect(logs).toContain('payload row 999999 is gone');
  });

  it('a bad prefix is refused before anything is created', () => {
    expect(
      () =>
        new PgEvalRelay({
          url,
          hostId: 'x',
          tablePrefix: 'x; DROP TABLE y',
          logger: logging.child('x'),
          evaluateHere: echo,
        }),
    ).toThrow(/bad eval relay prefix/);
  });
});
