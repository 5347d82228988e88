/**
 * Whether the UTF-16 code unit `code` is whitespace in the sense of the JavaScript `\s` class
 * (ASCII blanks, NBSP, the Unicode space separators, line/paragraph separators and the BOM).
 * A plain comparison chain: the tokenizer calls it once per character, where a regex test
 * would dominate the cost.
 */
export function isWhitespaceCode(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** Whether `text[from, to)` holds only whitespace (true for an empty range). */
export function isBlankRange(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isWhitespaceCode(text.charCodeAt(i))) return false;
  return true;
}
