/** Optimal-string-alignment edit distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[rows - 1]![cols - 1]!;
}

/** Up to `limit` candidates close to `word` (distance ≤ 2, or a prefix), closest first. */
export function suggest(word: string, candidates: Iterable<string>, limit = 3): string[] {
  const w = word.toLowerCase();
  if (w.length > 64) return [];
  const scored: [string, number][] = [];
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    const distance = editDistance(w, c);
    const threshold = w.length <= 3 ? 1 : 2;
    if (distance <= threshold || (w.length >= 3 && c.startsWith(w))) scored.push([candidate, distance]);
  }
  return scored
    .sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0]))
    .slice(0, limit)
    .map(([c]) => c);
}

/**
 * Suggestions that prefer command names: names close to `word` first (as `suggest`), then
 * aliases only when they are one edit away, so a stray alias of an unrelated command
 * (`term` for `test`) is not offered just because it happens to be two edits away.
 */
export function suggestCommands(
  word: string,
  names: Iterable<string>,
  aliases: Iterable<string>,
  limit = 3,
): string[] {
  const byName = suggest(word, names, limit);
  if (byName.length >= limit) return byName;
  const w = word.toLowerCase();
  if (w.length > 64) return byName;
  const close = [...aliases]
    .map((a): [string, number] => [a, editDistance(w, a.toLowerCase())])
    .filter(([a, d]) => d <= 1 && !byName.some((n) => n.toLowerCase() === a.toLowerCase()))
    .sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0]))
    .map(([a]) => a);
  return [...byName, ...close].slice(0, limit);
}
