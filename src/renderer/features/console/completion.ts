import type { Completion } from '../../../shared/dto/console-tools';

/** The line with the word from `from` on replaced by `value` (and a space when it is complete). */
export function applyCompletion(line: string, from: number, value: string, complete: boolean): string {
  return `${line.slice(0, from)}${value}${complete ? ' ' : ''}`;
}

/** The longest start all values share (case-insensitively; spelled as the first value). */
export function commonStart(values: readonly string[]): string {
  const first = values[0];
  if (first === undefined) return '';
  let n = first.length;
  for (const v of values) {
    let i = 0;
    while (i < n && i < v.length && v[i]!.toLowerCase() === first[i]!.toLowerCase()) i++;
    n = i;
  }
  return first.slice(0, n);
}

/** What the console shows while completing: the candidates and the one Tab last put in. */
export interface CompletionState {
  /** The line the completion was asked for. */
  line: string;
  result: Completion;
  /** Index of the candidate in the line, or null before Tab cycles. */
  selected: number | null;
}

/**
 * The first Tab's effect: one candidate → the line completed with it (and a space); several →
 * their common start filled in and the list shown; none → the list (empty) says what is expected.
 */
export function firstTab(line: string, result: Completion): { line: string; state: CompletionState | null } {
  const values = result.items.map((i) => i.value);
  if (values.length === 1) return { line: applyCompletion(line, result.from, values[0]!, true), state: null };
  const typed = line.slice(result.from);
  const start = commonStart(values);
  const next = start.length > typed.length ? applyCompletion(line, result.from, start, false) : line;
  return { line: next, state: { line: next, result, selected: null } };
}

/** A further Tab (Shift+Tab: back): the next candidate in the line. */
export function cycle(state: CompletionState, back: boolean): { line: string; state: CompletionState } {
  const n = state.result.items.length;
  const selected = state.selected === null ? (back ? n - 1 : 0) : (state.selected + (back ? n - 1 : 1)) % n;
  const line = applyCompletion(state.line, state.result.from, state.result.items[selected]!.value, false);
  return { line, state: { ...state, selected } };
}
