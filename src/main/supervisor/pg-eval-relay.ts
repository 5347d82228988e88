import pg from 'pg';
import { z } from 'zod';
import {
  ClusterEvalResultSchema,
  EVAL_SOURCE_MAX,
  type ClusterEvalResult,
} from '../../shared/process/sharding-messages';
import { PostgresServer } from '../runtime/database/engines/postgres-server';
import type { Logger } from '../runtime/logging/logging';

/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more; bigger messages go through a row. */
export const NOTIFY_PAYLOAD_MAX = 7_900;
/** On top of the command's limit: the other host's own relay grace plus two trips through the database. */
const REMOTE_GRACE_MS = 2_000;
/** Rows of big messages nobody fetched (the receiver died) are deleted after this long. */
const ROW_TTL_SECONDS = 300;
const RECONNECT_MS = 1_000;

const AskSchema = z.object({
  k: z.literal('ask'),
  id: z.number().int(),
  from: z.string(),
  to: z.string(),
  clusterId: z.number().int().nonnegative(),
  source: z.string().max(EVAL_SOURCE_MAX),
  context: z.unknown(),
  timeoutMs: z.number().int().positive().max(600_000),
});
const AnswerSchema = z.object({
  k: z.literal('answer'),
  id: z.number().int(),
  from: z.string(),
  to: z.string(),
  result: ClusterEvalResultSchema,
});
/** A message too big for NOTIFY: the row `ref` of the payload table holds it. */
const RefSchema = z.object({ k: z.literal('ref'), to: z.string(), ref: z.number().int() });
const MessageSchema = z.discriminatedUnion('k', [AskSchema, AnswerSchema, RefSchema]);
type Ask = z.infer<typeof AskSchema>;
type Answer = z.infer<typeof AnswerSchema>;

export interface PgEvalRelayOptions {
  url: string;
  hostId: string;
  /** `database.postgres.schemaPrefix`: the channel and the payload table are named with it. */
  tablePrefix: string;
  logger: Logger;
  /** Evaluates on one of this host's clusters (asked by another host). Never rejects. */
  evaluateHere(
    clusterId: number,
    source: string,
    context: unknown,
    timeoutMs: number,
  ): Promise<ClusterEvalResult>;
}

interface Pending {
  host: string;
  clusterId: number;
  resolve(result: ClusterEvalResult): void;
  timer: NodeJS.Timeout;
}

/**
 * `broadcastEval` between hosts: each host LISTENs on one channel per bot (`<prefix>shard_eval`)
 * and reads the messages addressed to it. An ask names a host and one of its clusters; the host
 * evaluates there through its own relay and NOTIFYs the answer back. A message over PostgreSQL's
 * NOTIFY limit is stored in a short-lived row and the notification carries the row's id. Every ask
 * settles once: the answer, or an error value naming the host that did not answer in time.
 */
export class PgEvalRelay {
  private readonly server: PostgresServer;
  private readonly channel: string;
  private readonly table: string;
  private readonly pending = new Map<number, Pending>();
  private listener: pg.Client | null = null;
  private reconnect: NodeJS.Timeout | null = null;
  private running = false;
  private nextId = 1;

  constructor(private readonly options: PgEvalRelayOptions) {
    if (!/^[a-z][a-z0-9_]{0,30}$/.test(options.tablePrefix))
      throw new Error(`bad eval relay prefix "${options.tablePrefix}"`);
    this.channel = `${options.tablePrefix}shard_eval`;
    this.table = `${options.tablePrefix}shard_eval_payloads`;
    this.server = new PostgresServer({ url: options.url, logger: options.logger, maxConnections: 2 });
  }

  async start(): Promise<void> {
    const client = await this.server.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query("SELECT pg_advisory_xact_lock(hashtext('protos shard eval'))");
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${this.table} (id bigserial PRIMARY KEY, body text NOT NULL, ` +
          'created_at timestamptz NOT NULL DEFAULT now())',
      );
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
    this.running = true;
    await this.listen();
  }

  /** Evaluates on `clusterId` of host `host`; resolves with its result or an error value. */
  ask(
    host: string,
    clusterId: number,
    source: string,
    context: unknown,
    timeoutMs: number,
  ): Promise<ClusterEvalResult> {
    if (!this.running)
      return Promise.resolve({ clusterId, ok: false, error: 'the relay between hosts is stopped' });
    const id = this.nextId++;
    const ask: Ask = {
      k: 'ask',
      id,
      from: this.options.hostId,
      to: host,
      clusterId,
      source,
      context,
      timeoutMs,
    };
    return new Promise((resolve) => {
      const timer = setTimeout(
        () =>
          this.settle(id, {
            clusterId,
            ok: false,
            error: `host ${host} did not answer within ${timeoutMs} ms`,
          }),
        timeoutMs + REMOTE_GRACE_MS,
      );
      timer.unref();
      this.pending.set(id, { host, clusterId, resolve, timer });
      this.send(ask).catch((err: unknown) =>
        this.settle(id, {
          clusterId,
          ok: false,
          error: `could not ask host ${host}: ${(err as Error).message}`,
        }),
      );
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.reconnect) clearTimeout(this.reconnect);
    for (const [id, p] of this.pending)
      this.settle(id, { clusterId: p.clusterId, ok: false, error: 'this host is stopping' });
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
    await this.server.close();
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.options.url,
      application_name: 'protos eval relay',
    });
    client.on('error', (err) => {
      this.options.logger.warn(
        { err: { message: err.message } },
        'the eval relay lost its PostgreSQL connection',
      );
      this.retry(client);
    });
    client.on('end', () => this.retry(client));
    client.on('notification', (n) => {
      if (n.channel === this.channel && n.payload) void this.receive(n.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    if (!this.running) await client.end();
    else this.listener = client;
  }

  /** The listening connection failed: drop it and listen again on a new one. */
  private retry(client: pg.Client): void {
    if (this.listener !== client || !this.running) return;
    this.listener = null;
    client.end().catch(() => undefined);
    this.scheduleListen();
  }

  private scheduleListen(): void {
    if (!this.running || this.reconnect) return;
    this.reconnect = setTimeout(() => {
      this.reconnect = null;
      this.listen().catch((err: unknown) => {
        this.options.logger.warn(
          { err: { message: (err as Error).message } },
          'the eval relay cannot listen',
        );
        this.scheduleListen();
      });
    }, RECONNECT_MS);
    this.reconnect.unref();
  }

  private async send(message: Ask | Answer): Promise<void> {
    const text = JSON.stringify(message);
    let payload = text;
    if (Buffer.byteLength(text) > NOTIFY_PAYLOAD_MAX) {
      await this.server.pool.query(
        `DELETE FROM ${this.table} WHERE created_at < now() - make_interval(secs => ${ROW_TTL_SECONDS})`,
      );
      const row = await this.server.pool.query<{ id: string }>(
        `INSERT INTO ${this.table} (body) VALUES ($1) RETURNING id::text`,
        [text],
      );
      payload = JSON.stringify({ k: 'ref', to: message.to, ref: Number(row.rows[0]!.id) });
    }
    await this.server.pool.query('SELECT pg_notify($1, $2)', [this.channel, payload]);
  }

  private async receive(payload: string): Promise<void> {
    try {
      let message = MessageSchema.parse(JSON.parse(payload));
      if (message.to !== this.options.hostId) return;
      if (message.k === 'ref') {
        const row = await this.server.pool.query<{ body: string }>(
          `DELETE FROM ${this.table} WHERE id = $1 RETURNING body`,
          [message.ref],
        );
        if (!row.rows[0]) throw new Error(`payload row ${message.ref} is gone`);
        message = MessageSchema.parse(JSON.parse(row.rows[0].body));
        if (message.k === 'ref') throw new Error('a payload row points to another row');
      }
      if (message.k === 'answer') {
        const p = this.pending.get(message.id);
        if (p && p.host === message.from)
          this.settle(message.id, { ...message.result, clusterId: p.clusterId });
        return;
      }
      await this.answer(message);
    } catch (err) {
      this.options.logger.warn(
        { err: { message: (err as Error).message } },
        'ignored a bad eval relay message',
      );
    }
  }

  private async answer(ask: Ask): Promise<void> {
    const result = await this.options.evaluateHere(ask.clusterId, ask.source, ask.context, ask.timeoutMs);
    const reply = (r: ClusterEvalResult): Answer => ({
      k: 'answer',
      id: ask.id,
      from: this.options.hostId,
      to: ask.from,
      result: r,
    });
    let answer = reply(result);
    try {
      JSON.stringify(answer);
    } catch (err) {
      answer = reply({
        clusterId: ask.clusterId,
        ok: false,
        error: `the value cannot be sent to another host: ${(err as Error).message}`,
      });
    }
    if (this.running) await this.send(answer);
  }

  private settle(id: number, result: ClusterEvalResult): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    clearTimeout(p.timer);
    p.resolve(result);
  }
}
