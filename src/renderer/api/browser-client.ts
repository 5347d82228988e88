import {
  ApiCallError,
  type ApiErrorBody,
  type CallResult,
  type EventName,
  type EventPayload,
  type MethodInput,
  type MethodName,
  type MethodOutput,
} from '../../shared/contract';
import { Emitter } from '../lib/emitter';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import { parseFrame } from './frame';
import type { ConnectionStatus, PanelClient } from './panel-client';
import { forgetToken, keepToken, takeToken, type TokenEnvironment } from './token';

/** The parts of the WebSocket class the client uses (the DOM's, or a fake in tests). */
export interface SocketLike {
  onopen: ((ev: Event) => void) | null;
  onclose: ((ev: CloseEvent) => void) | null;
  onerror: ((ev: Event) => void) | null;
  onmessage: ((ev: MessageEvent) => void) | null;
  close(code?: number, reason?: string): void;
}
export type SocketFactory = (url: string) => SocketLike;

export interface BrowserClientOptions extends TokenEnvironment {
  /** Origin of the runtime's web server (`http://127.0.0.1:PORT`). */
  origin: string;
  fetch: typeof fetch;
  openSocket: SocketFactory;
  backoff?: BackoffOptions;
  now?: () => number;
}

export const EVENTS_PATH = '/api/events';

type AnyListener = (payload: never) => void;

function isCallResult(body: unknown): body is CallResult {
  if (typeof body !== 'object' || body === null) return false;
  const ok = (body as { ok?: unknown }).ok;
  if (ok === true) return 'data' in body;
  if (ok !== false) return false;
  const error = (body as { error?: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as ApiErrorBody).code === 'string';
}

/**
 * Browser mode: calls are `POST /api/<method>` with the Bearer token; pushed events come over
 * one WebSocket (`/api/events?token=`) that reconnects with capped backoff. When the runtime
 * refuses the token, the client turns `unauthorized` and stops retrying.
 */
export class BrowserClient implements PanelClient {
  readonly mode = 'browser' as const;
  private readonly options: BrowserClientOptions;
  private readonly backoff: BackoffOptions;
  private readonly now: () => number;
  private token: string | null;
  /** No token of our own: calls and the socket rely on the session cookie. */
  private cookieOnly: boolean;
  private status: ConnectionStatus;
  private readonly statusEmitter = new Emitter<ConnectionStatus>();
  private readonly listeners = new Map<EventName, Set<AnyListener>>();
  private socket: SocketLike | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private started = false;
  private disposed = false;

  constructor(options: BrowserClientOptions) {
    this.options = options;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.now = options.now ?? Date.now;
    this.token = takeToken(options);
    // without a token the page may still hold the session cookie (a new tab of the panel's
    // address): try that; a refusal then means "no token" rather than "a token was refused"
    this.cookieOnly = this.token === null;
    this.status = { state: 'connecting', attempt: 0, nextRetryAt: null, reason: null };
  }

  /** Opens the event stream. Separate from the constructor so tests control when it happens. */
  start(): void {
    if (this.started || this.disposed) return;
    this.started = true;
    if (!this.cookieOnly) return this.connect();
    // cookie only: ask first, so a page without a session shows how to get in at once
    this.call('app.info', {}).then(
      () => this.connect(),
      () => this.scheduleRetry(true), // refused: unauthorized already; unreachable: retry
    );
  }

  connection(): ConnectionStatus {
    return this.status;
  }

  onConnection(listener: (status: ConnectionStatus) => void): () => void {
    return this.statusEmitter.on(listener);
  }

  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const token = this.token;
    if (!token && !this.cookieOnly) {
      throw new ApiCallError({
        code: 'UNAUTHORIZED',
        message: 'No access token: open the panel with the URL printed by the bot.',
      });
    }
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    let res: Response;
    try {
      res = await this.options.fetch(`${this.options.origin}/api/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers,
        credentials: 'same-origin',
        body: JSON.stringify(input ?? {}),
        cache: 'no-store',
      });
    } catch (err) {
      throw new ApiCallError({
        code: 'UNAVAILABLE',
        message: `The runtime is not reachable (${err instanceof Error ? err.message : String(err)}).`,
      });
    }
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      body = undefined;
    }
    if (!isCallResult(body)) {
      const code = res.status === 401 ? 'UNAUTHORIZED' : res.status === 403 ? 'FORBIDDEN' : 'INTERNAL';
      if (code === 'UNAUTHORIZED') this.markUnauthorized();
      throw new ApiCallError({ code, message: `${method}: unexpected HTTP ${res.status} response` });
    }
    if (!body.ok) {
      if (body.error.code === 'UNAUTHORIZED') this.markUnauthorized();
      throw new ApiCallError(body.error);
    }
    if (method === 'panel.rotateToken') this.adoptToken((body.data as { token: string }).token);
    return body.data as MethodOutput<M>;
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    const stored = listener as AnyListener;
    set.add(stored);
    return () => {
      set.delete(stored);
    };
  }

  dispose(): void {
    this.disposed = true;
    this.clearRetry();
    this.closeSocket();
  }

  private connect(): void {
    if (this.disposed || (!this.token && !this.cookieOnly) || this.status.state === 'unauthorized') return;
    const url = new URL(EVENTS_PATH, this.options.origin);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    if (this.token) url.searchParams.set('token', this.token);
    let opened = false;
    let socket: SocketLike;
    try {
      socket = this.options.openSocket(url.toString());
    } catch {
      this.scheduleRetry(true);
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      opened = true;
      this.setStatus({ state: 'connected', attempt: 0, nextRetryAt: null, reason: null });
    };
    socket.onmessage = (ev) => {
      if (this.socket === socket) this.dispatch(ev.data);
    };
    socket.onerror = () => undefined; // a close event follows; it decides what to do
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      // A socket that never opened may have been refused for its token: probe before retrying.
      this.scheduleRetry(!opened);
    };
  }

  private scheduleRetry(probeFirst: boolean): void {
    if (this.disposed || this.status.state === 'unauthorized') return;
    this.clearRetry();
    const attempt = this.status.state === 'connected' ? 0 : this.status.attempt;
    const delay = backoffDelay(attempt, this.backoff);
    this.setStatus({
      state: 'reconnecting',
      attempt: attempt + 1,
      nextRetryAt: this.now() + delay,
      reason: null,
    });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!probeFirst) return this.connect();
      this.call('app.info', {}).then(
        () => this.connect(),
        () => this.scheduleRetry(true), // unauthorized stops here; unreachable retries
      );
    }, delay);
  }

  private dispatch(data: unknown): void {
    for (const item of parseFrame(data)) {
      const set = this.listeners.get(item.event);
      if (!set) continue;
      for (const listener of [...set]) {
        try {
          (listener as (payload: unknown) => void)(item.data);
        } catch (err) {
          console.error(`listener for "${item.event}" failed`, err);
        }
      }
    }
  }

  /** After a rotation this tab carries on with the new token (the server closed the old socket). */
  private adoptToken(token: string): void {
    this.token = token;
    this.cookieOnly = false;
    keepToken(this.options, token);
  }

  private markUnauthorized(): void {
    if (this.status.state === 'unauthorized') return;
    const reason = this.cookieOnly ? 'missing-token' : 'rejected-token';
    forgetToken(this.options);
    this.token = null;
    this.cookieOnly = false;
    this.clearRetry();
    this.closeSocket();
    this.setStatus({ state: 'unauthorized', attempt: 0, nextRetryAt: null, reason });
  }

  private closeSocket(): void {
    const socket = this.socket;
    this.socket = null;
    if (!socket) return;
    socket.onopen = socket.onclose = socket.onerror = socket.onmessage = null;
    try {
      socket.close(1000, 'client closed');
    } catch {
      // already closed
    }
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private setStatus(status: ConnectionStatus): void {
    this.status = status;
    this.statusEmitter.emit(status);
  }
}
