/**
 * Where the panel's renderer lives and which URLs count as "ours": the privileged `app://panel/`
 * origin (served from out/renderer by our protocol handler) plus, in development only, the
 * electron-vite dev server. Pure: no electron import, so it is unit-tested under plain Node.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'panel';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Privileges for `protocol.registerSchemesAsPrivileged`. `standard` gives app://panel a real
 * origin (relative URLs, 'self' in the CSP, storage); `secure` makes it a secure context.
 * Deliberately not granted: `bypassCSP`, `corsEnabled` (it would let other origins read our
 * files), `allowServiceWorkers`, `stream`.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  codeCache: true,
} as const;

/**
 * Content-Security-Policy sent with every response of the app:// handler. Same policy as
 * browser mode minus the WebSocket (the Electron renderer talks over IPC only): no inline or
 * eval'd script, nothing loaded from outside our origin, no plugins, no framing, no forms.
 * Inline styles stay allowed because CodeMirror injects its theme as <style> elements.
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** An origin we serve the renderer from, as `scheme://host[:port]` (no path). */
export type TrustedOrigin = string;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Compares scheme and host (with port) by hand: Node's URL reports `origin === 'null'` for
 * schemes it does not know (app:), so `url.origin` cannot be used for ours.
 */
export function isTrustedRendererUrl(
  url: string | null | undefined,
  trusted: readonly TrustedOrigin[],
): boolean {
  if (!url) return false;
  const parsed = parse(url);
  if (!parsed || parsed.username || parsed.password || !parsed.host) return false;
  return trusted.some((origin) => {
    const want = parse(origin);
    return (
      want !== null &&
      want.protocol === parsed.protocol &&
      want.host.toLowerCase() === parsed.host.toLowerCase()
    );
  });
}

/**
 * The electron-vite dev server origin (ELECTRON_RENDERER_URL), accepted only for an unpackaged
 * app and only on loopback http, so a stray environment variable cannot point a packaged app at
 * a remote page that would then be trusted with the IPC api.
 */
export function devServerOrigin(rendererUrl: string | undefined, isPackaged: boolean): TrustedOrigin | null {
  if (isPackaged || !rendererUrl) return null;
  const parsed = parse(rendererUrl);
  if (!parsed || parsed.protocol !== 'http:' || parsed.username || parsed.password) return null;
  if (!['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname)) return null;
  return `${parsed.protocol}//${parsed.host}`;
}
