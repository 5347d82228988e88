/** An IRC server's case mapping (ISUPPORT CASEMAPPING); rfc1459 when the server does not say. */
export type CaseMapping = 'ascii' | 'rfc1459' | 'strict-rfc1459';

export function caseMappingOf(value: unknown): CaseMapping {
  return value === 'ascii' || value === 'strict-rfc1459' ? value : 'rfc1459';
}

/**
 * Lower-cases a nick, channel or mask the way the server compares them: A-Z always, plus
 * `[]\~` → `{}|^` for rfc1459 (`[]\` only for strict-rfc1459).
 */
export function ircLower(text: string, mapping: CaseMapping = 'rfc1459'): string {
  const upper = mapping === 'ascii' ? 90 : mapping === 'strict-rfc1459' ? 93 : 94;
  // most names are lower case already: no new string then (this runs several times a message)
  let first = 0;
  while (first < text.length) {
    const code = text.charCodeAt(first);
    if (code >= 65 && code <= upper) break;
    first++;
  }
  if (first === text.length) return text;
  let out = text.slice(0, first);
  for (let i = first; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out += code >= 65 && code <= upper ? String.fromCharCode(code + 32) : text[i];
  }
  return out;
}

const escapeRegex = (s: string): string => s.replace(/[.+^${}()|[\]\\]/g, '\\$&');

/**
 * Compiles an owner mask (`nick!user@host` with `*` for any run and `?` for one character) to
 * a matcher. A mask without `!`/`@` is a nick mask (`alice` means `alice!*@*`). Matching is
 * case-insensitive under the given mapping; `*`/`?` never span more than the whole mask.
 */
export function compileMask(mask: string, mapping: CaseMapping = 'rfc1459'): (id: string) => boolean {
  let full = mask.trim();
  if (!full.includes('!') && !full.includes('@')) full = `${full}!*@*`;
  else if (!full.includes('!')) full = `*!${full}`;
  else if (!full.includes('@')) full = `${full}@*`;
  const source = [...ircLower(full, mapping)]
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : escapeRegex(ch)))
    .join('');
  const regex = new RegExp(`^${source}$`, 'su');
  return (id) => regex.test(ircLower(id, mapping));
}

const compiled = new Map<string, (id: string) => boolean>();

/** Whether `nick!user@host` matches any of the masks (compiled masks are cached). */
export function matchesAnyMask(
  id: string,
  masks: readonly string[],
  mapping: CaseMapping = 'rfc1459',
): boolean {
  for (const mask of masks) {
    if (mask.trim() === '') continue;
    const key = `${mapping}\u0000${mask}`;
    let match = compiled.get(key);
    if (!match) {
      if (compiled.size > 512) compiled.clear();
      compiled.set(key, (match = compileMask(mask, mapping)));
    }
    if (match(id)) return true;
  }
  return false;
}
