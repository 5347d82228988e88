/**
 * IRC formatting control codes: bold \x02, colour \x03[fg[,bg]], hex colour \x04[RRGGBB[,RRGGBB]],
 * reset \x0F, monospace \x11, reverse \x16, italic \x1D, strikethrough \x1E, underline \x1F.
 */
/* eslint-disable no-control-regex -- matching control characters is the point */
const FORMATTING =
  /\x03(?:\d{1,2}(?:,\d{1,2})?)?|\x04(?:[0-9a-fA-F]{6}(?:,[0-9a-fA-F]{6})?)?|[\x02\x0F\x11\x16\x1D\x1E\x1F]/g;
/* eslint-enable no-control-regex */

/** Removes IRC formatting codes (linear time). */
export function stripIrcFormatting(text: string): string {
  return text.replace(FORMATTING, '');
}
