import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiCallError, type CallResult } from '../../shared/contract';
import { logEntry, SAMPLE_STATUS } from '../test-support/fake-client';
import { BrowserClient, type BrowserClientOptions, type SocketLike } from './browser-client';
import type { ConnectionStatus } from './panel-client';
import { TOKEN_STORAGE_KEY } from './token';

class FakeSocket implements SocketLike {
  onopen: SocketLike['onopen'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  onmessage: SocketLike['onmessage'] = null;
  closed = false;
  constructor(readonly url: string) {}
  close(): void {
    this.closed = true;
  }
  open(): void {
    this.onopen?.(new Event('open'));
  }
  receive(data: unknown): void {
    this.onmessage?.({ data: typeof data === 'string' ? data : JSON.stringify(data) } as MessageEvent);
  }
  drop(): void {
    this.onerror?.(new Event('error'));
    this.onclose?.({ code: 1006 } as CloseEvent);
  }
}

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

const ok = (data: unknown): CallResult => ({ ok: true, data });

interface Harness {
  client: BrowserClient;
  sockets: FakeSocket[];
  fetch: ReturnType<typeof vi.fn<typeof fetch>>;
  storage: Map<string, string>;
  replaced: string[];
  states: ConnectionStatus[];
}

function makeClient(
  overrides: Partial<BrowserClientOptions> = {},
  href = 'http://127.0.0.1:5555/?token=abc#/logs',
) {
  const sockets: FakeSocket[] = [];
  const storage = new Map<string, string>();
  const replaced: string[] = [];
  const fetchMock = vi.fn<typeof fetch>(async () => jsonResponse(ok({})));
  const client = new BrowserClient({
    origin: 'http://127.0.0.1:5555',
    href,
    storage: {
      getItem: (k) => storage.get(k) ?? null,
      setItem: (k, v) => void storage.set(k, v),
      removeItem: (k) => void storage.delete(k),
    },
    replaceUrl: (url) => void replaced.push(url),
    fetch: fetchMock,
    openSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    backoff: { baseMs: 100, maxMs: 1000, jitter: 0 },
    ...overrides,
  });
  const states: ConnectionStatus[] = [];
  client.onConnection((s) => states.push(s));
  const harness: Harness = { client, sockets, fetch: fetchMock, storage, replaced, states };
  return harness;
}

describe('BrowserClient token handling', () => {
  it('takes the token from the URL, stores it and strips it from the address bar', () => {
    const h = makeClient();
    expect(h.storage.get(TOKEN_STORAGE_KEY)).toBe('abc');
    expect(h.replaced).toEqual(['/#/logs']);
    expect(h.client.connection().state).toBe('connecting');
  });

  it('without a token it tries the session cookie: refused, it is unauthorized (missing-token) with no socket', async () => {
    const h = makeClient({}, 'http://127.0.0.1:5555/');
    h.fetch.mockResolvedValueOnce(
      jsonResponse({ ok: false, error: { code: 'UNAUTHORIZED', message: 'missing or wrong token' } }, 401),
    );
    expect(h.client.connection().state).toBe('connecting');
    h.client.start();
    await vi.waitFor(() => expect(h.client.connection().state).toBe('unauthorized'));
    expect(h.client.connection()).toMatchObject({ reason: 'missing-token' });
    const [url, init] = h.fetch.mock.calls[0]!;
    expect(url).toBe('http://127.0.0.1:5555/api/app.info');
    expect(init?.headers).not.toHaveProperty('authorization');
    expect(init?.credentials).toBe('same-origin');
    expect(h.sockets).toHaveLength(0);
    await expect(h.client.call('status.get', {})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(h.fetch).toHaveBeenCalledTimes(1);
  });

  it('without a token but with an accepted session cookie it connects, the socket carrying no token', async () => {
    const h = makeClient({}, 'http://127.0.0.1:5555/');
    h.client.start();
    await vi.waitFor(() => expect(h.sockets).toHaveLength(1));
    expect(h.sockets[0]!.url).toBe('ws://127.0.0.1:5555/api/events');
    h.sockets[0]!.open();
    expect(h.client.connection().state).toBe('connected');
  });
});

describe('BrowserClient calls', () => {
  it('POSTs JSON to /api/<method> with the Bearer token and returns the data', async () => {
    const h = makeClient();
    h.fetch.mockResolvedValueOnce(jsonResponse(ok({ level: 'debug' })));
    await expect(h.client.call('logs.setLevel', { level: 'debug' })).resolves.toEqual({ level: 'debug' });
    const [url, init] = h.fetch.mock.calls[0]!;
    expect(url).toBe('http://127.0.0.1:5555/api/logs.setLevel');
    expect(init?.method).toBe('POST');
    expect(init?.headers).toMatchObject({ authorization: 'Bearer abc', 'content-type': 'application/json' });
    expect(JSON.parse(init?.body as string)).toEqual({ level: 'debug' });
  });

  it('turns an error result into an ApiCallError carrying code, message, issues and errorId', async () => {
    const h = makeClient();
    h.fetch.mockResolvedValueOnce(
      jsonResponse(
        {
          ok: false,
          error: {
            code: 'BAD_REQUEST',
            message: 'invalid input for logs.tail at "limit"',
            issues: [{ path: ['limit'], message: 'too big' }],
            errorId: 'e1',
          },
        },
        400,
      ),
    );
    const err = await h.client.call('logs.tail', { limit: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiCallError);
    expect(err).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'invalid input for logs.tail at "limit"',
      issues: [{ path: ['limit'], message: 'too big' }],
      errorId: 'e1',
    });
    expect(h.client.connection().state).toBe('connecting');
  });

  it('maps an unreachable runtime to UNAVAILABLE and a non-JSON answer to INTERNAL', async () => {
    const h = makeClient();
    h.fetch.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await expect(h.client.call('app.info', {})).rejects.toMatchObject({
      name: 'ApiCallError',
      code: 'UNAVAILABLE',
    });
    h.fetch.mockResolvedValueOnce(new Response('<html>proxy error</html>', { status: 502 }));
    await expect(h.client.call('app.info', {})).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('a refused token makes the client unauthorized, forgets the token and closes the stream', async () => {
    const h = makeClient();
    h.client.start();
    h.fetch.mockResolvedValueOnce(
      jsonResponse({ ok: false, error: { code: 'UNAUTHORIZED', message: 'missing or wrong token' } }, 401),
    );
    await expect(h.client.call('status.get', {})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(h.client.connection()).toMatchObject({ state: 'unauthorized', reason: 'rejected-token' });
    expect(h.storage.has(TOKEN_STORAGE_KEY)).toBe(false);
    expect(h.sockets[0]!.closed).toBe(true);
    await expect(h.client.call('status.get', {})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(h.fetch).toHaveBeenCalledTimes(1);
  });
});

describe('BrowserClient events', () => {
  it('connects to /api/events with the token and dispatches each frame item in order', () => {
    const h = makeClient();
    h.client.start();
    expect(h.sockets).toHaveLength(1);
    expect(h.sockets[0]!.url).toBe('ws://127.0.0.1:5555/api/events?token=abc');
    const seen: string[] = [];
    h.client.on('logs', (entries) => seen.push(`logs:${entries.map((e) => e.seq).join(',')}`));
    h.client.on('status', (status) => seen.push(`status:${status.state}`));
    h.sockets[0]!.open();
    expect(h.client.connection().state).toBe('connected');
    h.sockets[0]!.receive([
      { event: 'status', data: SAMPLE_STATUS },
      { event: 'logs', data: [logEntry(1), logEntry(2)] },
      { event: 'from-the-future', data: 1 },
    ]);
    expect(seen).toEqual(['status:running', 'logs:1,2']);
  });

  it('ignores malformed frames, keeps other listeners when one throws, and stops after dispose', () => {
    const h = makeClient();
    h.client.start();
    h.sockets[0]!.open();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const good = vi.fn();
    h.client.on('logs', () => {
      throw new Error('boom');
    });
    const off = h.client.on('logs', good);
    h.sockets[0]!.receive('not json');
    h.sockets[0]!.receive({ event: 'logs' });
    h.sockets[0]!.receive([null, 3, { event: 'logs' }]);
    expect(good).not.toHaveBeenCalled();
    h.sockets[0]!.receive([{ event: 'logs', data: [logEntry(5)] }]);
    expect(good).toHaveBeenCalledTimes(1);
    expect(errors).toHaveBeenCalled();
    off();
    h.sockets[0]!.receive([{ event: 'logs', data: [logEntry(6)] }]);
    expect(good).toHaveBeenCalledTimes(1);
    errors.mockRestore();
  });
});

describe('BrowserClient reconnect', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reconnects with capped exponential backoff and reports the state', async () => {
    const h = makeClient();
    h.client.start();
    h.sockets[0]!.open();
    h.sockets[0]!.drop();
    expect(h.client.connection()).toMatchObject({
      state: 'reconnecting',
      attempt: 1,
      nextRetryAt: 1_000_100,
    });

    await vi.advanceTimersByTimeAsync(99);
    expect(h.sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.sockets).toHaveLength(2); // it had been open: retry the socket directly
    expect(h.fetch).not.toHaveBeenCalled();

    // Failures before open probe the API first (a refused token looks the same to a browser).
    h.sockets[1]!.drop();
    expect(h.client.connection()).toMatchObject({ state: 'reconnecting', attempt: 2 });
    await vi.advanceTimersByTimeAsync(200);
    expect(h.fetch).toHaveBeenCalledTimes(1);
    expect(h.fetch.mock.calls[0]![0]).toBe('http://127.0.0.1:5555/api/app.info');
    expect(h.sockets).toHaveLength(3);

    h.sockets[2]!.drop();
    await vi.advanceTimersByTimeAsync(400);
    expect(h.sockets).toHaveLength(4);
    for (let i = 0; i < 4; i++) {
      h.sockets.at(-1)!.drop();
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(h.client.connection().attempt).toBe(7);
    expect(h.client.connection().nextRetryAt! - Date.now()).toBeLessThanOrEqual(1000);

    h.sockets.at(-1)!.open();
    expect(h.client.connection()).toMatchObject({ state: 'connected', attempt: 0, nextRetryAt: null });
    expect(h.states.map((s) => s.state)).toContain('reconnecting');
  });

  it('keeps retrying while the runtime is unreachable', async () => {
    const h = makeClient();
    h.client.start();
    h.fetch.mockRejectedValue(new TypeError('Failed to fetch'));
    h.sockets[0]!.drop();
    await vi.advanceTimersByTimeAsync(100);
    await vi.advanceTimersByTimeAsync(200);
    expect(h.fetch).toHaveBeenCalledTimes(2);
    expect(h.sockets).toHaveLength(1);
    expect(h.client.connection()).toMatchObject({ state: 'reconnecting', attempt: 3 });
  });

  it('stops when the probe says the token is refused (runtime restarted)', async () => {
    const h = makeClient();
    h.client.start();
    h.fetch.mockResolvedValue(
      jsonResponse({ ok: false, error: { code: 'UNAUTHORIZED', message: 'missing or wrong token' } }, 401),
    );
    h.sockets[0]!.drop();
    await vi.advanceTimersByTimeAsync(100);
    expect(h.client.connection()).toMatchObject({ state: 'unauthorized', reason: 'rejected-token' });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(h.sockets).toHaveLength(1);
    expect(h.fetch).toHaveBeenCalledTimes(1);
  });

  it('after a token rotation it stores the new token and reconnects with it', async () => {
    const h = makeClient();
    h.client.start();
    h.sockets[0]!.open();
    h.fetch.mockResolvedValueOnce(
      jsonResponse(ok({ token: 'fresh', url: 'http://127.0.0.1:5555/?token=fresh' })),
    );
    await h.client.call('panel.rotateToken', {});
    expect(h.storage.get(TOKEN_STORAGE_KEY)).toBe('fresh');
    h.sockets[0]!.drop(); // the server closes sockets opened with the old token
    await vi.advanceTimersByTimeAsync(100);
    expect(h.sockets[1]!.url).toContain('token=fresh');
    await h.client.call('status.get', {});
    expect(h.fetch.mock.calls.at(-1)![1]?.headers).toMatchObject({ authorization: 'Bearer fresh' });
  });

  it('dispose stops reconnecting', async () => {
    const h = makeClient();
    h.client.start();
    h.sockets[0]!.open();
    h.sockets[0]!.drop();
    h.client.dispose();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(h.sockets).toHaveLength(1);
  });
});
