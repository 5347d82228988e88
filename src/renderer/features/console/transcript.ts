import type { ConsoleGroup } from './console-store';

/** Where the console transcript survives a reload of this tab (sessionStorage). */
export const TRANSCRIPT_KEY = 'protos.console.transcript';
/** Upper bound of the stored transcript; the oldest groups give way first. */
export const TRANSCRIPT_MAX_CHARS = 1_000_000;

export type TranscriptStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function isGroup(value: unknown): value is ConsoleGroup {
  if (typeof value !== 'object' || value === null) return false;
  const g = value as Record<string, unknown>;
  return (
    typeof g.key === 'string' &&
    (g.requestId === null || typeof g.requestId === 'string') &&
    (g.input === null || typeof g.input === 'string') &&
    typeof g.time === 'number' &&
    Array.isArray(g.outputs) &&
    g.outputs.every(
      (o: unknown) =>
        typeof o === 'object' &&
        o !== null &&
        typeof (o as { text?: unknown }).text === 'string' &&
        typeof (o as { kind?: unknown }).kind === 'string',
    )
  );
}

/** The stored transcript; anything unreadable or malformed counts as empty. */
export function loadTranscript(storage: TranscriptStorage | null): ConsoleGroup[] {
  try {
    const raw = storage?.getItem(TRANSCRIPT_KEY);
    if (!raw) return [];
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) && parsed.every(isGroup) ? parsed : [];
  } catch {
    return [];
  }
}

/** Stores the newest groups that fit in TRANSCRIPT_MAX_CHARS; storage errors are swallowed. */
export function saveTranscript(
  storage: TranscriptStorage | null,
  groups: readonly ConsoleGroup[],
  maxChars = TRANSCRIPT_MAX_CHARS,
): void {
  if (!storage) return;
  try {
    if (groups.length === 0) return storage.removeItem(TRANSCRIPT_KEY);
    // measure from the newest backwards so the cut drops the oldest groups
    let size = 2;
    let from = groups.length;
    while (from > 0) {
      const next = JSON.stringify(groups[from - 1]).length + 1;
      if (size + next > maxChars) break;
      size += next;
      from--;
    }
    storage.setItem(TRANSCRIPT_KEY, JSON.stringify(groups.slice(from)));
  } catch {
    // storage full or disabled: the transcript then lives for this page only
  }
}
