const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  sec: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const PART = /(\d+(?:\.\d+)?)\s*(ms|sec|min|s|m|h|d|w)/gy;

/**
 * Parses `90` (seconds), `1h30m`, `2m`, `1.5s`, `500ms`, `1d 2h` into milliseconds.
 * Returns null for anything else.
 */
export function parseDuration(text: string): number | null {
  const input = text.trim().toLowerCase();
  if (input === '') return null;
  if (/^\d+(?:\.\d+)?$/.test(input)) return Math.round(Number(input) * 1000);
  let total = 0;
  let pos = 0;
  PART.lastIndex = 0;
  while (pos < input.length) {
    while (input[pos] === ' ') pos++;
    if (pos >= input.length) break;
    PART.lastIndex = pos;
    const match = PART.exec(input);
    if (!match) return null;
    total += Number(match[1]) * UNIT_MS[match[2]!]!;
    pos = PART.lastIndex;
  }
  return Number.isFinite(total) ? Math.round(total) : null;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const parts: string[] = [];
  let rest = Math.round(ms / 1000);
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  return parts.join(' ');
}
