import type { LogEntry } from '../../../shared/dto/log';
import type { LogExport } from '../../../shared/dto/log-history';
import type { LogMatch } from '../../../shared/logs/log-match';
import { readHistory, type HistorySource } from './log-history';

/** An export stops past this many bytes of text (the oldest matching lines are left out). */
export const MAX_EXPORT_BYTES = 32 * 1024 * 1024;
const PAGE = 2_000;

export interface ExportRequest {
  format: 'ndjson' | 'log';
  match: LogMatch;
  limit: number;
}

/** One entry as a plain-text line (`time LEVEL logger: message key=value…`, stack indented below). */
export function formatLogLine(entry: LogEntry): string {
  let line = `${new Date(entry.time).toISOString()} ${entry.level.toUpperCase().padEnd(5)} ${entry.name}: ${entry.msg}`;
  if (entry.fields) {
    for (const [key, value] of Object.entries(entry.fields))
      line += ` ${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`;
  }
  if (entry.err) {
    const detail = entry.err.stack ?? `${entry.err.type}: ${entry.err.message}`;
    line += `\n${detail.replace(/^/gm, '    ')}`;
  }
  return line;
}

/**
 * Every held entry matching the filter — the ring, then the rolling files — newest kept first when a
 * bound (lines or bytes) cuts it, written out oldest first as NDJSON or plain text.
 */
export async function exportLogs(
  source: HistorySource,
  request: ExportRequest,
  now = Date.now(),
): Promise<LogExport> {
  const format = request.format === 'ndjson' ? (e: LogEntry) => JSON.stringify(e) : formatLogLine;
  let lines = 0;
  let bytes = 0;
  let truncated = false;
  let before: Parameters<typeof readHistory>[1]['before'];
  const texts: string[] = [];
  for (;;) {
    const limit = Math.min(PAGE, request.limit - lines);
    const page = await readHistory(source, { before, limit, match: request.match });
    const kept: string[] = [];
    for (let i = page.entries.length - 1; i >= 0; i--) {
      const text = format(page.entries[i]!);
      if (bytes + text.length + 1 > MAX_EXPORT_BYTES) {
        truncated = true;
        break;
      }
      bytes += text.length + 1;
      kept.push(text);
    }
    lines += kept.length;
    texts.push(kept.reverse().join('\n'));
    if (truncated || !page.next) break;
    if (lines >= request.limit) {
      truncated = true;
      break;
    }
    before = page.next;
  }
  texts.reverse();
  const content = texts.filter((t) => t !== '').join('\n');
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  const ext = request.format === 'ndjson' ? 'ndjson' : 'log';
  return {
    filename: `protos-logs-${stamp}.${ext}`,
    mime: request.format === 'ndjson' ? 'application/x-ndjson' : 'text/plain',
    content: content ? `${content}\n` : '',
    lines,
    truncated,
  };
}
