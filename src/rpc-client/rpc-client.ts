// A small typed client for the bot's loopback RPC server, for Node programs. It depends only on
// `zeromq`, so it can be copied into another project as it is. Wire format: see README ("RPC").
import * as zmq from 'zeromq';

/** What the server answers. `data` is present when the handler returned structured data. */
export interface RpcResponse<T = unknown> {
  id: string | number | null;
  status: number;
  message: string;
  data?: T;
}

export interface RpcClientOptions {
  /** Default `tcp://127.0.0.1:6133`. */
  endpoint?: string;
  /** The token from `<data-dir>/rpc-token` (omit when the server runs with `--rpc-no-auth`). */
  token?: string;
  /** Sent as `requester`: the name of your program. */
  requester?: string;
  /** A call without an answer after this long rejects with RpcTimeout. Default 15 s. */
  timeoutMs?: number;
}

/** A non-2xx answer, thrown by `request()`. */
export class RpcError extends Error {
  constructor(readonly response: RpcResponse) {
    super(`RPC ${response.status}: ${response.message}`);
    this.name = 'RpcError';
  }

  get status(): number {
    return this.response.status;
  }
}

export class RpcTimeout extends Error {
  constructor(what: string, ms: number) {
    super(`no answer to ${what} within ${ms} ms`);
    this.name = 'RpcTimeout';
  }
}

interface Waiter {
  resolve(response: RpcResponse): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * One DEALER connection; many calls may be in flight at once, matched to their answers by id.
 *
 * ```ts
 * const client = RpcClient.connect({ token: readFileSync('data/rpc-token', 'utf8').trim() });
 * console.log(await client.request('core', 'ping')); // "pong"
 * client.close();
 * ```
 */
export class RpcClient {
  private readonly sock: zmq.Dealer;
  private readonly waiting = new Map<string | number, Waiter>();
  private nextId = 1;
  private sendChain: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly options: Required<Omit<RpcClientOptions, 'token'>> & { token: string | undefined };

  private constructor(options: RpcClientOptions) {
    this.options = {
      endpoint: options.endpoint ?? 'tcp://127.0.0.1:6133',
      token: options.token,
      requester: options.requester ?? 'rpc-client',
      timeoutMs: options.timeoutMs ?? 15_000,
    };
    this.sock = new zmq.Dealer({ linger: 0 });
    this.sock.connect(this.options.endpoint);
    void this.receiveLoop();
  }

  static connect(options: RpcClientOptions = {}): RpcClient {
    return new RpcClient(options);
  }

  /** Calls `cog.method` and resolves with the answer, whatever its status. */
  call<T = unknown>(
    cog: string,
    method: string,
    kwargs: Record<string, unknown> = {},
  ): Promise<RpcResponse<T>> {
    if (this.closed) return Promise.reject(new Error('the RPC client is closed'));
    const id = this.nextId++;
    const body: Record<string, unknown> = { requester: this.options.requester, cog, method, id, kwargs };
    if (this.options.token !== undefined) body.token = this.options.token;
    const payload = JSON.stringify(body);
    return new Promise<RpcResponse<T>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new RpcTimeout(`${cog}.${method}`, this.options.timeoutMs));
      }, this.options.timeoutMs);
      this.waiting.set(id, { resolve: resolve as (r: RpcResponse) => void, reject, timer });
      // zeromq allows one send at a time per socket
      this.sendChain = this.sendChain
        .then(() => this.sock.send(payload))
        .catch((err: unknown) => this.settle(id, null, err as Error));
    });
  }

  /** Calls `cog.method`; resolves with `data` (or the message when there is none), throws RpcError unless 2xx. */
  async request<T = unknown>(cog: string, method: string, kwargs: Record<string, unknown> = {}): Promise<T> {
    const response = await this.call<T>(cog, method, kwargs);
    if (response.status < 200 || response.status > 299) throw new RpcError(response);
    return (response.data !== undefined ? response.data : response.message) as T;
  }

  /** Rejects what is still waiting and closes the socket. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const id of [...this.waiting.keys()]) this.settle(id, null, new Error('the RPC client was closed'));
    this.sock.close();
  }

  private settle(id: string | number, response: RpcResponse | null, err?: Error): void {
    const waiter = this.waiting.get(id);
    if (!waiter) return;
    this.waiting.delete(id);
    clearTimeout(waiter.timer);
    if (response) waiter.resolve(response);
    else waiter.reject(err ?? new Error('no response'));
  }

  private async receiveLoop(): Promise<void> {
    try {
      for await (const frames of this.sock) {
        const last = frames[frames.length - 1];
        let response: RpcResponse;
        try {
          response = JSON.parse(last?.toString('utf8') ?? '') as RpcResponse;
        } catch {
          continue; // not ours to understand
        }
        if (response.id === null && this.waiting.size === 1) {
          // an answer the server could not attach an id to (e.g. it could not parse ours)
          this.settle([...this.waiting.keys()][0]!, response);
        } else if (response.id !== null) {
          this.settle(response.id, response);
        }
      }
    } catch (err) {
      if (!this.closed) for (const id of [...this.waiting.keys()]) this.settle(id, null, err as Error);
    }
  }
}
