import type { IncomingMessage } from 'node:http';
import { tokensEqual } from './token';

export const TOKEN_COOKIE = 'protos_token';

export type GuardResult = { ok: true } | { ok: false; status: 401 | 403; reason: string };

export interface GuardConfig {
  token: string;
  port: number;
}

function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

function allowedOrigins(port: number): Set<string> {
  return new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
}

export function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null; // a malformed escape is no token, not a server error
      }
    }
  }
  return null;
}

export function bearerToken(req: IncomingMessage): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length).trim();
  const header = req.headers['x-protos-token'];
  return typeof header === 'string' ? header : null;
}

/**
 * Checks what every request must satisfy whatever its kind: a Host of ours (no DNS
 * rebinding) and, when the browser sends one, an Origin of ours (no cross-site calls).
 */
export function checkHostAndOrigin(req: IncomingMessage, cfg: GuardConfig): GuardResult {
  const host = req.headers.host ?? '';
  if (!allowedHosts(cfg.port).has(host))
    return { ok: false, status: 403, reason: `host not allowed: ${host}` };
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedOrigins(cfg.port).has(origin)) {
    return { ok: false, status: 403, reason: `origin not allowed: ${origin}` };
  }
  return { ok: true };
}

export type TokenSource = 'header' | 'query' | 'cookie';

/** Token check: API calls take it from a header, the socket from the query, pages also from the cookie. */
export function checkToken(
  req: IncomingMessage,
  url: URL,
  cfg: GuardConfig,
  sources: TokenSource[],
): GuardResult {
  for (const source of sources) {
    const given =
      source === 'header'
        ? bearerToken(req)
        : source === 'query'
          ? url.searchParams.get('token')
          : cookieValue(req.headers.cookie, TOKEN_COOKIE);
    if (tokensEqual(cfg.token, given)) return { ok: true };
  }
  return { ok: false, status: 401, reason: 'missing or wrong token' };
}
