import type { AuditEntry, AuditPage } from '../../../shared/dto/audit';
import type { DatabaseEngine } from '../database/engine';
import { Ge, Like, Lt, Or, type Filter } from '../database/filters';
import { AuditEntryRecord } from './models';

export interface AuditQuery {
  actor?: string | undefined;
  command?: string | undefined;
  text?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
  cursor?: number | undefined;
  limit: number;
}

type EntryField = 'no' | 'time' | 'actorId' | 'actorName' | 'command' | 'message';

const contains = (value: string, needle: string): boolean => value.toLowerCase().includes(needle);

export function toEntry(record: AuditEntryRecord, guild: string, guildName: string): AuditEntry {
  return {
    id: record.no,
    time: record.time,
    guild,
    guildName,
    channel: record.channel,
    actorId: record.actorId,
    actorName: record.actorName,
    command: record.command,
    message: record.message,
  };
}

/**
 * One page of a guild's entries, newest first. SQL narrows the rows (time range, cursor, LIKE on
 * the texts); the texts are then matched exactly as case-insensitive substrings, so `%` or `_`
 * in a search term are plain characters. `nextCursor` is set only when an older match exists.
 */
export async function searchEntries(
  db: DatabaseEngine,
  query: AuditQuery,
  guild: { db: string; name: string },
): Promise<AuditPage> {
  const actor = query.actor?.trim().toLowerCase() || undefined;
  const command = query.command?.trim().toLowerCase() || undefined;
  const text = query.text?.trim().toLowerCase() || undefined;
  const fixed: Filter<EntryField>[] = [];
  if (query.from !== undefined) fixed.push(Ge('time', Math.floor(query.from)));
  if (query.to !== undefined) fixed.push(Lt('time', Math.ceil(query.to)));
  if (actor) fixed.push(Or(Like('actorName', `%${actor}%`), Like('actorId', `%${actor}%`)));
  if (command) fixed.push(Like('command', `%${command}%`));
  if (text) fixed.push(Like('message', `%${text}%`));
  const matches = (r: AuditEntryRecord): boolean =>
    (!actor || contains(r.actorName, actor) || contains(r.actorId, actor)) &&
    (!command || contains(r.command, command)) &&
    (!text || contains(r.message, text));

  const found: AuditEntryRecord[] = [];
  let cursor = query.cursor;
  const batch = Math.min(Math.max(query.limit + 1, 100), 2_000);
  for (;;) {
    const q = db.query(AuditEntryRecord);
    const filters = cursor !== undefined ? [...fixed, Lt('no', cursor)] : fixed;
    if (filters.length) q.filter(filters[0]!, ...filters.slice(1));
    const rows = await q.orderBy('no', 'desc').limit(batch).all();
    for (const row of rows) if (matches(row)) found.push(row);
    if (found.length > query.limit || rows.length < batch) break;
    cursor = rows[rows.length - 1]!.no;
  }
  const page = found.slice(0, query.limit);
  return {
    entries: page.map((r) => toEntry(r, guild.db, guild.name)),
    nextCursor: found.length > query.limit ? page[page.length - 1]!.no : null,
  };
}
