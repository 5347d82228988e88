/** Measures a run of text in pixels with the current font. */
export type Measure = (text: string) => number;

/**
 * Breaks text into lines no wider than `maxWidth` (when given): at spaces where possible, inside
 * a word only when the word alone is too wide. Newlines in the text always break.
 */
export function wrapText(text: string, measure: Measure, maxWidth: number | undefined): string[] {
  const out: string[] = [];
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    if (maxWidth === undefined) {
      out.push(paragraph);
      continue;
    }
    let line = '';
    for (const word of paragraph.split(/ +/)) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (measure(candidate) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line !== '') out.push(line);
      line = '';
      // the word alone does not fit either: break it by characters
      let piece = '';
      for (const ch of word) {
        if (piece !== '' && measure(piece + ch) > maxWidth) {
          out.push(piece);
          piece = '';
        }
        piece += ch;
      }
      line = piece;
    }
    out.push(line);
  }
  return out;
}
