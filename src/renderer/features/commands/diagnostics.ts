import type { Diagnostic } from '@codemirror/lint';
import type { Text } from '@codemirror/state';
import type { LoadFailureDto } from '../../../shared/dto/commands';

/** Where a 1-based line/column lands in a document, clamped to it. */
export function positionOf(doc: Text, line: number, column: number | null): number {
  const ln = doc.line(Math.min(Math.max(1, line), doc.lines));
  return column === null ? ln.from : Math.min(ln.from + Math.max(1, column) - 1, ln.to);
}

/**
 * The lint diagnostic for a load failure: at the failing line and column, spanning the word
 * there (at least one character), or the whole line when the column is unknown. No diagnostic
 * without a line.
 */
export function failureDiagnostics(doc: Text, failure: LoadFailureDto | null): Diagnostic[] {
  if (!failure || failure.line === null) return [];
  const ln = doc.line(Math.min(Math.max(1, failure.line), doc.lines));
  let from: number;
  let to: number;
  if (failure.column === null) {
    from = ln.from;
    to = ln.to;
  } else {
    from = positionOf(doc, failure.line, failure.column);
    to = from;
    const text = ln.text;
    while (to < ln.to && /[\w$]/.test(text[to - ln.from] ?? '')) to++;
    if (to === from) to = Math.min(from + 1, ln.to);
  }
  if (from === to && from > ln.from) from--;
  const where = failure.column === null ? `line ${failure.line}` : `${failure.line}:${failure.column}`;
  return [
    {
      from,
      to,
      severity: 'error',
      source: 'reload',
      message: `${failure.message} (${where}; the previous version keeps running)`,
    },
  ];
}
