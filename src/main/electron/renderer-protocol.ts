import { promises as fs } from 'node:fs';
import { resolveStatic } from '../web/static-files';
import { APP_HOST, APP_SCHEME, RENDERER_CSP } from './renderer-origin';

export interface RendererHandlerOptions {
  /** The built renderer (out/renderer; inside app.asar when packaged). */
  rootDir: string;
  csp?: string;
  readFile?: (file: string) => Promise<Uint8Array>;
}

function plain(status: number, text: string, extra: Record<string, string> = {}): Response {
  return new Response(`${text}\n`, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', ...extra },
  });
}

/**
 * The `protocol.handle('app', …)` handler, as a pure Request → Response function: serves files of
 * the built renderer for `app://panel/…` only, read-only (GET/HEAD), never outside rootDir
 * (traversal is refused by resolveStatic), extension-less paths fall back to index.html (SPA),
 * and every response carries the strict CSP as a real header, so it is in force before the
 * first script runs.
 */
export function createRendererHandler(
  options: RendererHandlerOptions,
): (request: Request) => Promise<Response> {
  const csp = options.csp ?? RENDERER_CSP;
  const readFile = options.readFile ?? ((file: string) => fs.readFile(file));
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return plain(400, 'bad request');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return plain(404, 'not found');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return plain(405, 'method not allowed', { allow: 'GET, HEAD' });
    }
    const file = await resolveStatic(options.rootDir, url.pathname);
    if (!file) return plain(404, 'not found');
    const isHtml = file.contentType.startsWith('text/html');
    const headers: Record<string, string> = {
      'content-type': file.contentType,
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cache-control': isHtml ? 'no-store' : 'private, max-age=3600',
    };
    if (request.method === 'HEAD') return new Response(null, { status: 200, headers });
    const body = await readFile(file.file);
    return new Response(body as Uint8Array<ArrayBuffer>, { status: 200, headers });
  };
}
