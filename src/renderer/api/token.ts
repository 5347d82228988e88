export const TOKEN_STORAGE_KEY = 'protos.panel.token';
export const TOKEN_PARAM = 'token';

export interface TokenEnvironment {
  /** The page's current address. */
  href: string;
  /** Where the token survives reloads of this tab (sessionStorage); null when unavailable. */
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  /** Rewrites the address bar without navigating (history.replaceState). */
  replaceUrl: (url: string) => void;
}

/**
 * Takes the per-launch token from `?token=` (a fresh URL wins), keeps it in session storage
 * and removes it from the address bar so it is not left in history, screenshots or bookmarks.
 * Falls back to the stored token (a reload of the stripped URL). Null when there is none.
 */
export function takeToken(env: TokenEnvironment): string | null {
  const url = new URL(env.href);
  const fromUrl = url.searchParams.get(TOKEN_PARAM);
  if (fromUrl !== null) {
    url.searchParams.delete(TOKEN_PARAM);
    env.replaceUrl(url.pathname + url.search + url.hash);
    if (fromUrl !== '') {
      safely(() => env.storage?.setItem(TOKEN_STORAGE_KEY, fromUrl));
      return fromUrl;
    }
  }
  const stored = safely(() => env.storage?.getItem(TOKEN_STORAGE_KEY) ?? null);
  return stored ? stored : null;
}

/** Stores a token the runtime handed this tab (a rotation). */
export function keepToken(env: Pick<TokenEnvironment, 'storage'>, token: string): void {
  safely(() => env.storage?.setItem(TOKEN_STORAGE_KEY, token));
}

/** Forgets a token the runtime refused (it restarted with a new one). */
export function forgetToken(env: Pick<TokenEnvironment, 'storage'>): void {
  safely(() => env.storage?.removeItem(TOKEN_STORAGE_KEY));
}

function safely<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch {
    // Storage can throw (disabled, quota, privacy mode): the token then lives in memory only.
    return null;
  }
}
