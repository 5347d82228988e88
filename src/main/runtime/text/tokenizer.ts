import { isWhitespaceCode } from './whitespace';

/** One argument of a command line. */
export interface Token {
  /** The argument with quotes and escaping backslashes removed. */
  value: string;
  /** Offset (0-based, UTF-16 code units) of the token's first raw character in the input. */
  start: number;
  /** Offset just past the token's last raw character (exclusive). */
  end: number;
  /** True when any part of the token was written inside quotes. */
  quoted: boolean;
}

export type TokenizeErrorReason = 'unclosed-quote';

/** The only error `tokenize` throws: the input cannot be split as written (an unclosed quote). */
export class TokenizeError extends Error {
  override readonly name = 'TokenizeError';

  constructor(
    /** 1-based column (UTF-16 code units) of the offending character: the opening quote. */
    readonly column: number,
    readonly reason: TokenizeErrorReason,
    /** The quote character left open. */
    readonly quote: string,
  ) {
    super(`unclosed ${quote} quote at column ${column}`);
  }
}

const BACKSLASH = 0x5c;
const SINGLE_QUOTE = 0x27;
const DOUBLE_QUOTE = 0x22;

/**
 * Splits a command line into arguments.
 *
 * - Runs of whitespace (anything `\s` matches) separate tokens.
 * - `'…'` and `"…"` group text, whitespace included; the quotes are dropped. Quoted and bare
 *   parts written without whitespace between them form one token: `a"b c"d` is `ab cd`.
 * - A backslash makes the next character literal, inside quotes or not: `\"`, `\'`, `\\`,
 *   `\ ` (an escaped space does not split). A backslash that ends the input is kept as is.
 * - `''` and `""` give an empty token.
 * - An unclosed quote throws {@link TokenizeError} pointing at the opening quote.
 *
 * One pass over char codes; each token's value is assembled from slices of the input between
 * quotes and escapes, so the work is linear in the input length whatever its shape.
 */
export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  const n = input.length;
  let i = 0;
  while (i < n) {
    let code = input.charCodeAt(i);
    if (isWhitespaceCode(code)) {
      i++;
      continue;
    }
    const start = i;
    let value = '';
    let quoted = false;
    // `run` marks where the pending literal text (not yet appended to `value`) begins.
    let run = i;
    while (i < n) {
      code = input.charCodeAt(i);
      if (code === BACKSLASH) {
        if (i + 1 === n) {
          i++; // a trailing lone backslash stays in the pending run
          break;
        }
        value += input.slice(run, i);
        run = i + 1; // the escaped character starts the next literal run
        i += 2;
      } else if (code === SINGLE_QUOTE || code === DOUBLE_QUOTE) {
        value += input.slice(run, i);
        quoted = true;
        const open = i;
        run = ++i;
        for (;;) {
          if (i >= n) throw new TokenizeError(open + 1, 'unclosed-quote', input.charAt(open));
          const inner = input.charCodeAt(i);
          if (inner === code) break;
          if (inner === BACKSLASH) {
            if (i + 1 === n) throw new TokenizeError(open + 1, 'unclosed-quote', input.charAt(open));
            value += input.slice(run, i);
            run = i + 1;
            i += 2;
          } else {
            i++;
          }
        }
        value += input.slice(run, i);
        run = ++i; // past the closing quote
      } else if (isWhitespaceCode(code)) {
        break;
      } else {
        i++;
      }
    }
    value += input.slice(run, i);
    tokens.push({ value, start, end: i, quoted });
  }
  return tokens;
}

/** Whether `text` can be written bare: non-empty, without whitespace, quotes or backslashes. */
function isBare(text: string): boolean {
  if (text === '') return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === BACKSLASH || code === SINGLE_QUOTE || code === DOUBLE_QUOTE || isWhitespaceCode(code)) {
      return false;
    }
  }
  return true;
}

/**
 * Writes `text` as one argument: `tokenize(quoteArgument(text))` is exactly one token whose
 * value is `text`, whatever it contains. Plain words come back unchanged; anything else is put in
 * double quotes (single quotes when that avoids escaping), escaping `"` and `\` with a backslash.
 */
export function quoteArgument(text: string): string {
  if (isBare(text)) return text;
  if (!text.includes('\\')) {
    if (!text.includes('"')) return `"${text}"`;
    if (!text.includes("'")) return `'${text}'`;
  }
  return `"${text.replace(/["\\]/g, '\\$&')}"`;
}
