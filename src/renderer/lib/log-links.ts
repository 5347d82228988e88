/** Error ids as replies show them: `(error id 1a2b3c4d)`. */
export const ERROR_ID_PATTERN = /error id ([0-9a-f]{8})/g;

/** The address of the log line that holds an error id (the Logs view filters and opens it). */
export function errorLogHref(errorId: string): string {
  return `#/logs?find=${encodeURIComponent(errorId)}`;
}

/** Splits text around error ids: strings stay text, ids become `{ errorId }` parts. */
export function splitErrorIds(text: string): (string | { errorId: string })[] {
  const parts: (string | { errorId: string })[] = [];
  let last = 0;
  for (const m of text.matchAll(ERROR_ID_PATTERN)) {
    const at = m.index;
    if (at > last) parts.push(text.slice(last, at));
    parts.push({ errorId: m[1]! });
    last = at + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}
