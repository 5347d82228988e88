import { randomBytes } from 'node:crypto';
import { zmq } from './zmq';
import type { Logger } from '../logging/logging';
import { ConnectionRateLimit } from './rate-limit';
import type { RpcRegistry } from './rpc-registry';
import { RpcStats } from './rpc-stats';
import { TokenCheck } from './rpc-token';
import {
  InvalidRequest,
  RPC_STATUS,
  type RpcLookups,
  type RpcRequest,
  type RpcResponse,
  type SendOptions,
} from './rpc-types';
import { decodeFrames, encodeResponse, type Envelope, type WireRequest } from './wire';

export interface RpcServerOptions {
  host: string;
  /** 0 binds a free port. */
  port: number;
  auth: boolean;
  /** The current token (read per request, so a rotation takes effect at once). */
  token(): string | null;
  maxRequestBytes: number;
  handlerTimeoutMs: number;
  rateLimit: { burst: number; perSecond: number };
  registry: RpcRegistry;
  lookups: RpcLookups;
  logger: Logger;
}

/** Raised for an address other than the loopback one: the server never listens elsewhere. */
export class RpcAddressError extends Error {
  constructor(host: string) {
    super(
      `the RPC server only binds to the loopback address 127.0.0.1; refusing to bind to "${host}" (rpc.host)`,
    );
    this.name = 'RpcAddressError';
  }
}

/** The address to bind for a configured host: 127.0.0.1 (or `localhost`), nothing else. */
export function loopbackHost(host: string): string {
  if (host === '127.0.0.1' || host === 'localhost') return '127.0.0.1';
  throw new RpcAddressError(host);
}

interface Pending {
  answer(response: Omit<RpcResponse, 'id'>): void;
}

const SHUTDOWN_MESSAGE = 'the bot is shutting down or restarting; try again later';

/**
 * A zeromq ROUTER on 127.0.0.1 answering JSON requests `{ requester, cog, method, id, kwargs,
 * token }` with `{ id, status, message, data? }`, routed back by the client's identity. Every
 * frame gets an answer or is dropped by zeromq's hard size cap; nothing a client sends can
 * throw out of the receive loop.
 */
export class RpcServer {
  readonly stats = new RpcStats();
  private readonly limiter: ConnectionRateLimit;
  private readonly tokens = new TokenCheck();
  private readonly pending = new Set<Pending>();
  private readonly outbox: Buffer[][] = [];
  private sending = false;
  private draining = false;
  private closed = false;
  private connections = 0;
  private readonly loopDone: Promise<void>;

  private constructor(
    private readonly sock: zmq.Router,
    private readonly options: RpcServerOptions,
  ) {
    this.limiter = new ConnectionRateLimit(options.rateLimit.burst, options.rateLimit.perSecond);
    sock.events.on('accept', () => void this.connections++);
    sock.events.on('disconnect', () => void (this.connections = Math.max(0, this.connections - 1)));
    this.loopDone = this.receiveLoop();
  }

  /** Binds and starts answering. Rejects with RpcAddressError for a non-loopback host. */
  static async start(options: RpcServerOptions): Promise<RpcServer> {
    const host = loopbackHost(options.host);
    const sock = new zmq.Router({
      linger: 500,
      // zeromq drops peers sending far more than the limit; up to it we answer 413 ourselves
      maxMessageSize: Math.max(options.maxRequestBytes * 4, 64 * 1024),
      sendHighWaterMark: 10_000,
      receiveHighWaterMark: 10_000,
    });
    const address = `tcp://${host}:${options.port === 0 ? '*' : options.port}`;
    try {
      await sock.bind(address);
    } catch (err) {
      sock.close();
      throw new Error(`cannot start the RPC server on ${address}: ${(err as Error).message}`, { cause: err });
    }
    return new RpcServer(sock, options);
  }

  get endpoint(): string {
    return this.sock.lastEndpoint ?? '';
  }

  get port(): number {
    return Number(/:(\d+)$/.exec(this.endpoint)?.[1] ?? 0);
  }

  get connectedClients(): number {
    return this.connections;
  }

  get inFlight(): number {
    return this.pending.size;
  }

  private async receiveLoop(): Promise<void> {
    try {
      for await (const [identity, ...frames] of this.sock) {
        try {
          this.onMessage(identity!, frames);
        } catch (err) {
          // a bug here must not end the loop: log it and keep answering
          this.options.logger.error({ err }, 'RPC request handling failed');
        }
      }
    } catch (err) {
      if (!this.closed) this.options.logger.error({ err }, 'RPC receive loop ended');
    }
  }

  private onMessage(identity: Buffer, frames: Buffer[]): void {
    this.stats.countRequest();
    // decoding is bounded by the size limit; it comes first so even a 429 carries the id
    const decoded = decodeFrames(frames, this.options.maxRequestBytes);
    if (!this.limiter.take(identity.toString('latin1'))) {
      const id = decoded.ok ? decoded.request.id : decoded.response.id;
      this.reject(
        identity,
        decoded.envelope,
        id,
        RPC_STATUS.tooManyRequests,
        'rate limit exceeded; slow down',
      );
      return;
    }
    if (!decoded.ok) {
      const { status, message, id } = decoded.response;
      this.reject(identity, decoded.envelope, id, status, message);
      return;
    }
    const { request, envelope } = decoded;
    if (this.options.auth && !this.tokens.matches(this.options.token(), request.token)) {
      const why = request.token === undefined ? 'missing token' : 'wrong token';
      this.reject(identity, envelope, request.id, RPC_STATUS.unauthorized, `unauthorized: ${why}`);
      return;
    }
    if (this.draining) {
      this.reject(identity, envelope, request.id, RPC_STATUS.unavailable, SHUTDOWN_MESSAGE);
      return;
    }
    const handler = this.options.registry.lookup(request.cog, request.method);
    if (!handler) {
      const message = this.options.registry.hasCog(request.cog)
        ? `cog "${request.cog}" has no method "${request.method}"`
        : `unknown cog "${request.cog}"`;
      this.reject(
        identity,
        envelope,
        request.id,
        RPC_STATUS.notFound,
        message,
        `${request.cog}.${request.method}`,
      );
      return;
    }
    this.dispatch(identity, envelope, request, handler);
  }

  private reject(
    identity: Buffer,
    envelope: Envelope,
    id: RpcResponse['id'],
    status: number,
    message: string,
    target: string | null = null,
  ): void {
    this.stats.recordError({ status, message, target, errorId: null });
    this.send(identity, envelope, { id, status, message });
  }

  private dispatch(
    identity: Buffer,
    envelope: Envelope,
    wire: WireRequest,
    handler: (request: RpcRequest) => unknown,
  ): void {
    const target = `${wire.cog}.${wire.method}`;
    let answered = false;
    const answer = (response: Omit<RpcResponse, 'id'>): void => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      this.pending.delete(pending);
      if (response.status >= 400 && response.status !== RPC_STATUS.handlerError)
        this.stats.recordError({ status: response.status, message: response.message, target, errorId: null });
      this.send(identity, envelope, { id: wire.id, ...response });
    };
    const pending: Pending = { answer };
    const fail = (err: unknown): void => {
      if (answered) {
        this.options.logger.warn({ err, target }, 'RPC handler failed after answering');
        return;
      }
      if (err instanceof InvalidRequest) {
        answer({ status: RPC_STATUS.badRequest, message: err.message });
        return;
      }
      const errorId = randomBytes(4).toString('hex');
      this.options.logger.error({ err, errorId, target, requester: wire.requester }, 'RPC handler failed');
      const message = `internal error in ${target} (error id ${errorId})`;
      this.stats.recordError({ status: RPC_STATUS.handlerError, message, target, errorId });
      answer({ status: RPC_STATUS.handlerError, message, data: { errorId } });
    };
    const timer = setTimeout(() => {
      const errorId = randomBytes(4).toString('hex');
      const ms = this.options.handlerTimeoutMs;
      this.options.logger.warn({ errorId, target, ms }, 'RPC handler did not answer in time');
      const message = `${target} did not answer within ${ms} ms (error id ${errorId})`;
      this.stats.recordError({ status: RPC_STATUS.handlerError, message, target, errorId });
      answer({ status: RPC_STATUS.handlerError, message, data: { errorId } });
    }, this.options.handlerTimeoutMs);
    this.pending.add(pending);
    const request: RpcRequest = {
      requester: wire.requester,
      cog: wire.cog,
      method: wire.method,
      id: wire.id,
      kwargs: wire.kwargs,
      lookups: this.options.lookups,
      get answered() {
        return answered;
      },
      sendMessage: (message: string, options: SendOptions = {}) => {
        const status = options.status ?? RPC_STATUS.ok;
        if (!Number.isInteger(status) || status < 100 || status > 599)
          return Promise.reject(
            new TypeError(`RPC status must be an integer 100-599, got ${String(status)}`),
          );
        answer({
          status,
          message: String(message),
          ...(options.data !== undefined ? { data: options.data } : {}),
        });
        return Promise.resolve();
      },
    };
    const settle = (value: unknown): void => {
      if (answered || value === undefined) return;
      if (typeof value === 'string') answer({ status: RPC_STATUS.ok, message: value });
      else answer({ status: RPC_STATUS.ok, message: 'OK', data: value });
    };
    try {
      const result = handler(request);
      if (result instanceof Promise) result.then(settle, fail);
      else settle(result);
    } catch (err) {
      fail(err);
    }
  }

  private send(identity: Buffer, envelope: Envelope, response: RpcResponse): void {
    if (this.closed) return;
    this.outbox.push([identity, ...encodeResponse(envelope, response)]);
    if (!this.sending) void this.pump();
  }

  /** zeromq allows one send at a time: responses leave in order through this queue. */
  private async pump(): Promise<void> {
    this.sending = true;
    try {
      for (let frames = this.outbox.shift(); frames; frames = this.outbox.shift()) {
        if (this.closed) break;
        try {
          await this.sock.send(frames);
        } catch (err) {
          if (this.closed) break;
          this.options.logger.debug({ err }, 'RPC response not sent');
        }
      }
    } finally {
      this.sending = false;
    }
  }

  /** From now on new requests are answered 503 (shutdown or restart). */
  beginShutdown(): void {
    this.draining = true;
  }

  /**
   * Stops: new requests get 503, handlers still running get `graceMs` to answer (then 503),
   * the answers are flushed and the socket closed. Never waits longer than about graceMs + 1 s.
   */
  async close(graceMs = 1_000): Promise<void> {
    if (this.closed) return;
    this.draining = true;
    const deadline = Date.now() + graceMs;
    while (this.pending.size > 0 && Date.now() < deadline) await sleep(10);
    for (const pending of [...this.pending])
      pending.answer({ status: RPC_STATUS.unavailable, message: SHUTDOWN_MESSAGE });
    const flushBy = Date.now() + 500;
    while ((this.sending || this.outbox.length > 0) && Date.now() < flushBy) await sleep(5);
    this.closed = true;
    this.outbox.length = 0;
    this.sock.close();
    await Promise.race([this.loopDone, sleep(1_000)]);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
