import { stripIrcFormatting } from '../text/irc-format';

/**
 * Characters dropped before anything else looks at the text: C0/C1 controls except tab and
 * newline (NUL included), bidi overrides/isolates and marks (so nothing can reorder what the
 * log shows), and invisible separators. ZWJ/ZWNJ stay: emoji sequences need them.
 */
/* eslint-disable no-control-regex -- matching control characters is the point */
const INVISIBLE =
  /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
/* eslint-enable no-control-regex */
/** Whitespace other than a plain space becomes a space (tabs, NBSP, line and paragraph separators, …). */
const OTHER_SPACE = /[\t\n\r\f\v\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]/g;

export type Preprocessed = { ok: true; text: string } | { ok: false; reason: string };

/**
 * Stage 2: strip IRC formatting codes and invisible characters, normalise whitespace and
 * Unicode (NFC), and reject messages longer than `maxLength` (counted after cleaning).
 */
export function preprocess(text: string, maxLength: number): Preprocessed {
  // Refuse absurd input before doing any work proportional to it beyond one pass.
  if (text.length > maxLength * 8 + 1024) {
    return { ok: false, reason: `message too long (${text.length} characters, limit ${maxLength})` };
  }
  // printable ASCII (most chat) has nothing to strip, replace or normalise
  const cleaned = (
    isPrintableAscii(text)
      ? text
      : stripIrcFormatting(text).replace(INVISIBLE, '').replace(OTHER_SPACE, ' ').normalize('NFC')
  ).trim();
  if (cleaned.length > maxLength) {
    return { ok: false, reason: `message too long (${cleaned.length} characters, limit ${maxLength})` };
  }
  if (cleaned === '') return { ok: false, reason: 'empty after cleaning' };
  return { ok: true, text: cleaned };
}

function isPrintableAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code > 0x7e) return false;
  }
  return true;
}
