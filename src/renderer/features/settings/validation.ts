import '../../lib/zod-jitless';
import type { ApiIssue } from '../../../shared/contract';
import { ConfigSchema } from '../../../shared/config/schema';
import { pathKey } from './config-paths';
import { withSecretValues, type SecretContext } from './secrets';

export interface Issue {
  path: (string | number)[];
  key: string;
  message: string;
  /** Found by the runtime on save (BAD_REQUEST), not by the panel's own check. */
  server: boolean;
}

/**
 * Validates the draft with the shared ConfigSchema, exactly as the runtime will: secrets are
 * filled as they will be after saving (held ones by a placeholder, typed ones by their value).
 */
export function validateDraft(draft: unknown, ctx: SecretContext): Issue[] {
  const result = ConfigSchema.safeParse(withSecretValues(draft, ctx));
  if (result.success) return [];
  return result.error.issues.map((i) => {
    const path = i.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    return { path, key: pathKey(path), message: i.message, server: false };
  });
}

export function fromApiIssues(issues: readonly ApiIssue[]): Issue[] {
  return issues.map((i) => ({ path: [...i.path], key: pathKey(i.path), message: i.message, server: true }));
}

/** Client and server issues together, without repeating the same message at the same path. */
export function mergeIssues(client: readonly Issue[], server: readonly Issue[]): Issue[] {
  const seen = new Set(client.map((i) => `${i.key}\n${i.message}`));
  return [...client, ...server.filter((i) => !seen.has(`${i.key}\n${i.message}`))];
}

const FRIENDLY: [RegExp, (m: RegExpExecArray) => string][] = [
  [/expected number, received (string|undefined|null)/, () => 'Enter a number.'],
  [/expected int, received number/, () => 'Enter a whole number.'],
  [/Too small: expected number to be >=?(-?[\d.e+]+)/, (m) => `At least ${m[1]}.`],
  [/Too small: expected number to be >(-?[\d.e+]+)/, (m) => `Must be more than ${m[1]}.`],
  [/Too big: expected number to be <=?(-?[\d.e+]+)/, (m) => `At most ${m[1]}.`],
  [/Too small: expected string to have >=1 characters?/, () => 'Cannot be empty.'],
  [/Too big: expected string to have <=(\d+) characters?/, (m) => `At most ${m[1]} characters.`],
  [/Too small: expected array to have >=1 items?/, () => 'Needs at least one entry.'],
  [/expected string, received null/, () => 'Required.'],
  [/^Invalid URL$/, () => 'Enter a full URL, like https://example.com/api.'],
];

/** Zod's message in the operator's words where a plainer one exists; the original otherwise. */
export function friendlyMessage(message: string): string {
  for (const [re, text] of FRIENDLY) {
    const m = re.exec(message);
    if (m) return text(m);
  }
  return message;
}
