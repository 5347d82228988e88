import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { HTTP_STATUS_OF, methods, type CallResult, type EventFrame } from '../../shared/contract';
import type { PanelSessionRotation } from '../../shared/contract/methods-panel';
import type { ApiSurface } from '../api/api';
import type { Logger } from '../runtime/logging/logging';
import {
  bearerToken,
  checkHostAndOrigin,
  checkToken,
  TOKEN_COOKIE,
  type GuardConfig,
  type GuardResult,
} from './request-guard';
import { openStatic, resolveStatic } from './static-files';
import { generateToken } from './token';

export const API_PREFIX = '/api/';
export const EVENTS_PATH = '/api/events';
const MAX_BODY_BYTES = 8 * 1024 * 1024;
/** A client this far behind is disconnected; it reconnects and catches up from the ring. */
const MAX_SOCKET_BUFFER = 32 * 1024 * 1024;

export interface WebServerOptions {
  api: ApiSurface;
  logger: Logger;
  /** Built renderer (index.html + assets), or null to serve the API only. */
  staticDir: string | null;
  port?: number;
  /** The token to accept (stored in the data dir by the CLI); a random one per launch otherwise. */
  token?: string;
  /**
   * Persists a rotated token before it takes effect (`panel.rotateToken`); when it throws the
   * old token stays valid. Without it a rotated token lasts until the process exits.
   */
  onTokenRotated?: (token: string) => Promise<void>;
}

export interface WebServer {
  readonly port: number;
  /** The token accepted now (changes when rotated). */
  readonly token: string;
  /** The URL to open: the panel with its current token. */
  readonly url: string;
  /** Replaces the token: old links stop working and open sockets are closed. */
  rotateToken(): Promise<PanelSessionRotation>;
  readonly baseUrl: string;
  close(): Promise<void>;
}

const ROTATE_METHOD = 'panel.rotateToken';

function sessionCookie(token: string): string {
  return `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

function sendError(res: ServerResponse, guard: Extract<GuardResult, { ok: false }>): void {
  sendJson(res, guard.status, {
    ok: false,
    error: { code: guard.status === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN', message: guard.reason },
  } satisfies CallResult);
}

function panelCsp(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** decodeURIComponent that answers null for a malformed escape (`%`, `%zz`) instead of throwing. */
function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function parseRequestUrl(raw: string | undefined): URL | null {
  try {
    return new URL(raw ?? '/', 'http://127.0.0.1');
  } catch {
    return null;
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error(`request body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Browser mode: HTTP + WebSocket on 127.0.0.1 only. Every request needs the token (API:
 * Authorization header; socket: query; pages: query once; all three: the HttpOnly session cookie),
 * and a Host and Origin of our own.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { api, logger } = options;
  const guard: GuardConfig = { token: options.token ?? generateToken(), port: 0 };
  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });

  const handleApi = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    // A token the page sends must be right; a page without one (a new tab) may use the
    // session cookie (HttpOnly, SameSite=Strict, and the Origin is checked).
    const auth = checkToken(req, url, guard, bearerToken(req) !== null ? ['header'] : ['cookie']);
    if (!auth.ok) return sendError(res, auth);
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return sendJson(res, 405, { ok: false, error: { code: 'BAD_REQUEST', message: 'use POST' } });
    }
    const type = req.headers['content-type'] ?? '';
    if (!type.startsWith('application/json')) {
      return sendJson(res, 415, {
        ok: false,
        error: { code: 'BAD_REQUEST', message: 'content-type must be application/json' },
      });
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      res.setHeader('connection', 'close');
      sendJson(res, 413, {
        ok: false,
        error: { code: 'BAD_REQUEST', message: `request body larger than ${MAX_BODY_BYTES} bytes` },
      });
      req.resume();
      return;
    }
    let input: unknown;
    try {
      const text = await readBody(req);
      input = text.trim() === '' ? {} : JSON.parse(text);
    } catch (err) {
      return sendJson(res, 400, {
        ok: false,
        error: { code: 'BAD_REQUEST', message: `malformed request body: ${(err as Error).message}` },
      });
    }
    const method = safeDecode(url.pathname.slice(API_PREFIX.length));
    if (method === null) {
      return sendJson(res, 400, {
        ok: false,
        error: { code: 'BAD_REQUEST', message: 'malformed percent-encoding in the method name' },
      });
    }
    if (method === ROTATE_METHOD) return rotateFor(res, input);
    const result = await api.router.call(method, input, { transport: 'web' });
    sendJson(res, result.ok ? 200 : HTTP_STATUS_OF[result.error.code], result);
  };

  const handleStatic = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    // the token first: nothing about the server (not even which methods it takes) without it
    const auth = checkToken(req, url, guard, ['query', 'cookie']);
    if (!auth.ok) {
      res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      res.end('401 Unauthorized: open the panel with the URL the bot printed (it carries ?token=…).\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return sendJson(res, 405, { ok: false, error: { code: 'BAD_REQUEST', message: 'use GET' } });
    }
    if (!options.staticDir) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The panel is not built. Run `npm run build`, then start the bot again.\n');
      return;
    }
    const file = await resolveStatic(options.staticDir, url.pathname);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found\n');
      return;
    }
    const headers: Record<string, string | number> = {
      'content-type': file.contentType,
      'content-length': file.size,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': file.contentType.startsWith('text/html') ? 'no-store' : 'private, max-age=3600',
    };
    if (file.contentType.startsWith('text/html')) {
      headers['content-security-policy'] = panelCsp(guard.port);
      headers['x-frame-options'] = 'DENY';
      if (url.searchParams.has('token')) {
        headers['set-cookie'] = sessionCookie(guard.token);
      }
    }
    res.writeHead(200, headers);
    if (req.method === 'HEAD') return void res.end();
    openStatic(file).pipe(res);
  };

  let rotating: Promise<PanelSessionRotation> | null = null;
  const rotateToken = (): Promise<PanelSessionRotation> => {
    rotating ??= (async () => {
      const next = generateToken();
      await options.onTokenRotated?.(next);
      guard.token = next;
      // other tabs hold the old token: their sockets close, their probe is refused
      for (const ws of sockets) ws.close(4001, 'token rotated');
      logger.info('panel token rotated; older panel links no longer work');
      return { token: next, url: `http://127.0.0.1:${guard.port}/?token=${next}` };
    })().finally(() => (rotating = null));
    return rotating;
  };

  const rotateFor = async (res: ServerResponse, input: unknown): Promise<void> => {
    const spec = methods[ROTATE_METHOD];
    if (!spec.input.safeParse(input).success)
      return sendJson(res, 400, {
        ok: false,
        error: { code: 'BAD_REQUEST', message: `${ROTATE_METHOD} takes no input` },
      });
    let rotation: PanelSessionRotation;
    try {
      rotation = await rotateToken();
    } catch (err) {
      logger.error({ err }, 'panel token rotation failed; the old token stays valid');
      return sendJson(res, 500, {
        ok: false,
        error: { code: 'INTERNAL', message: `could not store the new token: ${(err as Error).message}` },
      });
    }
    // this tab keeps its session: the cookie follows the new token
    res.setHeader('set-cookie', sessionCookie(rotation.token));
    sendJson(res, 200, { ok: true, data: rotation } satisfies CallResult);
  };

  const server = http.createServer((req, res) => {
    const url = parseRequestUrl(req.url);
    if (!url) {
      return sendJson(res, 400, {
        ok: false,
        error: { code: 'BAD_REQUEST', message: 'malformed request URL' },
      });
    }
    const hostCheck = checkHostAndOrigin(req, guard);
    if (!hostCheck.ok) return sendError(res, hostCheck);
    const work = url.pathname.startsWith(API_PREFIX) ? handleApi(req, res, url) : handleStatic(req, res, url);
    work.catch((err: unknown) => {
      logger.error({ err, path: url.pathname }, 'web request failed');
      if (!res.headersSent)
        sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'internal error' } });
      else res.destroy();
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refuse = (status: number, reason: string): void => {
      logger.warn({ reason }, 'websocket refused');
      const text = status === 401 ? 'Unauthorized' : status === 400 ? 'Bad Request' : 'Forbidden';
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\n\r\n`);
    };
    const url = parseRequestUrl(req.url);
    if (!url) return refuse(400, 'malformed request URL');
    if (url.pathname !== EVENTS_PATH) return refuse(403, `no socket at ${url.pathname}`);
    const hostCheck = checkHostAndOrigin(req, guard);
    if (!hostCheck.ok) return refuse(hostCheck.status, hostCheck.reason);
    const auth = checkToken(req, url, guard, url.searchParams.has('token') ? ['query'] : ['cookie']);
    if (!auth.ok) return refuse(auth.status, auth.reason);
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('error', (err) => logger.warn({ err }, 'websocket error'));
      // The socket only carries pushed events; anything a client sends is ignored.
      ws.on('message', () => undefined);
    });
  });

  const unsubscribe = api.events.subscribe((frame: EventFrame) => {
    if (sockets.size === 0) return;
    const text = JSON.stringify(frame);
    for (const ws of sockets) {
      if (ws.readyState !== ws.OPEN) continue;
      if (ws.bufferedAmount > MAX_SOCKET_BUFFER) {
        logger.warn(
          { buffered: ws.bufferedAmount },
          'panel client too slow; disconnecting it so it can catch up',
        );
        ws.close(1013, 'too slow, reconnect');
        continue;
      }
      ws.send(text);
    }
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    // a port that is taken must not leave a subscription behind (the caller may retry)
    unsubscribe();
    wss.close();
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  guard.port = port;
  const baseUrl = `http://127.0.0.1:${port}`;
  logger.info({ port }, 'browser-mode panel listening on 127.0.0.1');

  return {
    port,
    get token() {
      return guard.token;
    },
    baseUrl,
    get url() {
      return `${baseUrl}/?token=${guard.token}`;
    },
    rotateToken,
    close: async () => {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
