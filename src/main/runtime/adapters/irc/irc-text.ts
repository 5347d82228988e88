import { stripIrcFormatting } from '../../text/irc-format';
import { utf8Length } from '../../text/unicode';

/** RFC 1459/2812: a line is at most 512 bytes including the CR LF. */
export const IRC_LINE_BYTES = 512;

/**
 * Room for the text of a PRIVMSG to `target` as the server relays it to others:
 * `:nick!user@host PRIVMSG target :text\r\n` must fit 512 bytes. `hostmask` is our
 * `nick!user@host` as the server reported it; unknown parts are estimated on the safe side
 * (user 10, host 63 bytes).
 */
export function privmsgBudget(
  target: string,
  hostmask: { nick: string; user: string | null; host: string | null },
): number {
  const user = hostmask.user !== null ? utf8Length(hostmask.user) : 10;
  const host = hostmask.host !== null ? utf8Length(hostmask.host) : 63;
  // ":" nick "!" user "@" host " PRIVMSG " target " :" … "\r\n"
  const overhead = 1 + utf8Length(hostmask.nick) + 1 + user + 1 + host + 9 + utf8Length(target) + 2 + 2;
  return Math.max(1, IRC_LINE_BYTES - overhead);
}

export interface IncomingText {
  text: string;
  /** The text had formatting codes (stripped). */
  formatted: boolean;
  /** The text had other control characters (replaced by spaces). */
  controls: boolean;
}

/* eslint-disable no-control-regex -- control characters are what this cleans */
const OTHER_CONTROLS = /[\x00-\x08\x0A-\x1F\x7F]/g;
const HAS_OTHER_CONTROLS = /[\x00-\x08\x0A-\x1F\x7F]/;
const FORMAT_CODES = /[\x02\x03\x04\x0F\x11\x16\x1D\x1E\x1F]/;
/* eslint-enable no-control-regex */

/**
 * Cleans an incoming message's text: IRC formatting is stripped (the pipeline strips again;
 * this keeps the panel's traces readable), other control characters become spaces.
 */
export function cleanIncoming(text: string): IncomingText {
  const formatted = FORMAT_CODES.test(text);
  let out = formatted ? stripIrcFormatting(text) : text;
  const controls = HAS_OTHER_CONTROLS.test(out);
  if (controls) out = out.replace(OTHER_CONTROLS, ' ');
  return { text: out, formatted, controls };
}

/** IRCv3 allows 8191 bytes of message tags in front of the 512-byte line. */
const TAG_BYTES = 8191;

/**
 * What is wrong with a raw line from the server, for a warning: longer than IRC allows, or
 * bytes that were not valid UTF-8 (the decoder turned them into U+FFFD). Empty when fine.
 */
export function lineProblems(line: string): string[] {
  const problems: string[] = [];
  let rest = line;
  if (line.startsWith('@')) {
    const space = line.indexOf(' ');
    const tags = space < 0 ? line : line.slice(0, space);
    if (utf8Length(tags) > TAG_BYTES) problems.push(`message tags over ${TAG_BYTES} bytes`);
    rest = space < 0 ? '' : line.slice(space + 1);
  }
  const bytes = utf8Length(rest.replace(/[\r\n]+$/, '')) + 2;
  if (bytes > IRC_LINE_BYTES) problems.push(`${bytes} bytes, over the ${IRC_LINE_BYTES}-byte IRC limit`);
  if (line.includes('\uFFFD')) problems.push('invalid UTF-8');
  return problems;
}

const MARKUP_CHARS = /[`*_[]/;
const BOLD = '\x02';
const ITALIC = '\x1D';

/**
 * Maps the markdown-ish bits commands write (they are written for Discord too) to IRC:
 * - a code fence line (```` ``` ```` or ```` ```lang ````) is dropped — its content stays as plain lines;
 * - `**bold**` and `__bold__` → IRC bold (^B);
 * - `*italic*` → IRC italic (^]) — not `_x_`, which would mangle snake_case and URLs;
 * - `[label](https://url)` → `label <https://url>`;
 * - inline `code` is left as is (backticks read fine), and nothing inside it is touched.
 * Text that already carries IRC formatting codes is left alone. The result is never longer
 * (in bytes) than the input, so a chunk split for the limit still fits.
 */
export function toIrcText(line: string): string {
  // no backtick, asterisk, underscore or bracket: nothing below could match
  if (!MARKUP_CHARS.test(line)) return line;
  if (/^\s*```[^`]*$/.test(line)) return '';
  if (FORMAT_CODES.test(line)) return line;
  return line
    .split(/(`[^`\n]+`)/)
    .map((part, i) => (i % 2 === 1 ? part : mapInline(part)))
    .join('');
}

function mapInline(text: string): string {
  return text
    .replace(/\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g, '$1 <$2>')
    .replace(/\*\*(?=\S)([^*\n]*?\S)\*\*/g, `${BOLD}$1${BOLD}`)
    .replace(/(^|[^\w])__(?=\S)([^_\n]*?\S)__(?!\w)/g, `$1${BOLD}$2${BOLD}`)
    .replace(/(^|[^\w*])\*(?=[^\s*])([^*\n]*?[^\s*])\*(?![\w*])/g, `$1${ITALIC}$2${ITALIC}`);
}

/** Up to `max` characters of a line for a log entry. */
export function sample(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}
