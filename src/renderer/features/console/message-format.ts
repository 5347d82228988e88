/** A piece of a console message, rendered as plain text nodes (never as HTML). */
export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'code-block'; lang: string; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'mention'; type: 'user' | 'role' | 'channel'; id: string; raw: string }
  | { kind: 'emoji'; name: string; raw: string };

const FENCE = /```([A-Za-z0-9_+-]*)[ \t]*\n?([\s\S]*?)```/g;
const INLINE =
  /`([^`\n]+)`|<@!?(\d{1,25})>|<@&(\d{1,25})>|<#(\d{1,25})>|<a?:([A-Za-z0-9_~]{1,32}):\d{1,25}>/g;

function pushText(out: Segment[], text: string): void {
  if (text === '') return;
  const last = out[out.length - 1];
  if (last?.kind === 'text') out[out.length - 1] = { kind: 'text', text: last.text + text };
  else out.push({ kind: 'text', text });
}

function parseInline(text: string, out: Segment[]): void {
  let at = 0;
  for (const m of text.matchAll(INLINE)) {
    pushText(out, text.slice(at, m.index));
    at = m.index + m[0].length;
    if (m[1] !== undefined) out.push({ kind: 'code', text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: 'mention', type: 'user', id: m[2], raw: m[0] });
    else if (m[3] !== undefined) out.push({ kind: 'mention', type: 'role', id: m[3], raw: m[0] });
    else if (m[4] !== undefined) out.push({ kind: 'mention', type: 'channel', id: m[4], raw: m[0] });
    else out.push({ kind: 'emoji', name: m[5]!, raw: m[0] });
  }
  pushText(out, text.slice(at));
}

/**
 * Splits a response into text, fenced code blocks (```lang … ```), inline `code`, mentions
 * (`<@123>`, `<@&123>`, `<#123>`) and custom emoji. An unclosed fence stays plain text, as in chat.
 */
export function parseMessage(text: string): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const m of text.matchAll(FENCE)) {
    parseInline(text.slice(at, m.index), out);
    at = m.index + m[0].length;
    out.push({ kind: 'code-block', lang: m[1] ?? '', text: (m[2] ?? '').replace(/\n$/, '') });
  }
  parseInline(text.slice(at), out);
  // A newline right before or after a block is the block's own line break, not text.
  return out
    .map((seg, i) => {
      if (seg.kind !== 'text') return seg;
      let t = seg.text;
      if (out[i - 1]?.kind === 'code-block') t = t.replace(/^\n/, '');
      if (out[i + 1]?.kind === 'code-block') t = t.replace(/\n$/, '');
      return { kind: 'text' as const, text: t };
    })
    .filter((seg) => seg.kind !== 'text' || seg.text !== '');
}
