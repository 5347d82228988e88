/** The verdict on a URL the renderer asked to open outside the app. */
export type ExternalUrlVerdict = { ok: true; url: string } | { ok: false; reason: string };

export interface ExternalUrlPolicy {
  /**
   * Host names that may be opened; `example.com` allows exactly that host, `.example.com`
   * allows its subdomains too. Omit (or leave empty) to allow any https host.
   */
  allowHosts?: readonly string[];
  maxLength?: number;
}

const DEFAULT_MAX_LENGTH = 2_048;

/**
 * Where the desktop panel's links may lead: the Discord developer portal and support pages (bot
 * tokens, intents), discord.js's documentation, and the project's repository and its docs.
 * Anything else is refused and logged, whatever a command file's output or a log line links to.
 */
export const PANEL_EXTERNAL_HOSTS: readonly string[] = [
  'discord.com',
  '.discord.com',
  'discord.js.org',
  'github.com',
];

/** The policy the desktop app applies to shell.openExternal. */
export const PANEL_EXTERNAL_POLICY: ExternalUrlPolicy = { allowHosts: PANEL_EXTERNAL_HOSTS };

function hostAllowed(host: string, allowHosts: readonly string[]): boolean {
  return allowHosts.some((entry) => {
    const rule = entry.toLowerCase();
    if (rule.startsWith('.')) return host === rule.slice(1) || host.endsWith(rule);
    return host === rule;
  });
}

/**
 * Decides whether a URL from a window.open / target=_blank may go to the OS browser via
 * shell.openExternal. Only parseable https URLs without credentials (user:pass@ is a classic
 * phishing disguise) or control characters, optionally on an allow-list of hosts. Returns the
 * normalised href to open, so what is opened is exactly what was checked.
 */
export function vetExternalUrl(raw: unknown, policy: ExternalUrlPolicy = {}): ExternalUrlVerdict {
  if (typeof raw !== 'string' || raw.length === 0) return { ok: false, reason: 'not a URL' };
  const maxLength = policy.maxLength ?? DEFAULT_MAX_LENGTH;
  if (raw.length > maxLength) return { ok: false, reason: `URL longer than ${maxLength} characters` };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\s]/.test(raw))
    return { ok: false, reason: 'URL contains whitespace or control characters' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'URL does not parse' };
  }
  if (url.protocol !== 'https:')
    return { ok: false, reason: `scheme ${url.protocol} is not allowed (https only)` };
  if (url.username || url.password) return { ok: false, reason: 'URL carries credentials' };
  const host = url.hostname.toLowerCase();
  if (!host) return { ok: false, reason: 'URL has no host' };
  if (policy.allowHosts && policy.allowHosts.length > 0 && !hostAllowed(host, policy.allowHosts)) {
    return { ok: false, reason: `host ${host} is not on the allow-list` };
  }
  return { ok: true, url: url.href };
}
