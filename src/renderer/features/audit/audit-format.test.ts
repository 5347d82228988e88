import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/dto/audit';
import { matchesFilters, NO_FILTERS, searchFields, toCsv, toJson } from './audit-format';
import { createAuditStore } from './audit-store';

const entry = (over: Partial<AuditEntry> = {}): AuditEntry => ({
  id: 1,
  time: Date.UTC(2026, 0, 2, 3, 4, 5),
  guild: 'console',
  guildName: 'Console',
  channel: 'panel',
  actorId: 'u1',
  actorName: 'Ada',
  command: 'kick',
  message: 'kicked bob',
  ...over,
});

describe('audit export and filters', () => {
  it('CSV: header, ISO times, quoting of commas, quotes and newlines, CRLF rows', () => {
    const csv = toCsv([entry({ message: 'said "hi", then\nleft' })]);
    const [header, row, end] = csv.split('\r\n');
    expect(header).toBe('id,time,guild,guildName,channel,actorId,actorName,command,message');
    expect(row).toBe(
      '1,2026-01-02T03:04:05.000Z,console,Console,panel,u1,Ada,kick,"said ""hi"", then\nleft"',
    );
    expect(end).toBe('');
  });

  it('CSV: text that a spreadsheet would run as a formula is neutralised', () => {
    const row = toCsv([entry({ actorName: '=HYPERLINK("x")', message: '+1', command: '-x' })]).split(
      '\r\n',
    )[1]!;
    expect(row).toContain(`"'=HYPERLINK(""x"")"`);
    expect(row).toContain(`,'-x,'+1`);
  });

  it('JSON keeps every field and adds the ISO time', () => {
    const [parsed] = JSON.parse(toJson([entry()])) as Record<string, unknown>[];
    expect(parsed).toMatchObject({ ...entry(), isoTime: '2026-01-02T03:04:05.000Z' });
  });

  it('filters: case-insensitive substrings, actor by name or id, time range half-open', () => {
    const e = entry();
    expect(matchesFilters(e, { ...NO_FILTERS, actor: 'ADA' })).toBe(true);
    expect(matchesFilters(e, { ...NO_FILTERS, actor: 'u1' })).toBe(true);
    expect(matchesFilters(e, { ...NO_FILTERS, actor: 'bob' })).toBe(false);
    expect(matchesFilters(e, { ...NO_FILTERS, command: 'KI', text: 'BOB' })).toBe(true);
    expect(matchesFilters(e, { ...NO_FILTERS, text: 'alice' })).toBe(false);
    const fields = searchFields({ ...NO_FILTERS, from: '2026-01-01T00:00', to: 'not a date', actor: '  ' });
    expect(Object.keys(fields)).toEqual(['from']);
    expect(matchesFilters(e, { ...NO_FILTERS, to: '2025-01-01T00:00' })).toBe(false);
  });

  it('live entries: only the shown guild and matching ones go on top, each once', () => {
    const store = createAuditStore();
    store.getState().chooseGuild('console');
    store.getState().setPage([entry({ id: 1 })], null, false);
    store.getState().setFilters({ command: 'kick' });
    store
      .getState()
      .ingest([
        entry({ id: 2 }),
        entry({ id: 3, command: 'mute' }),
        entry({ id: 4, guild: 'discord-1' }),
        entry({ id: 5 }),
        entry({ id: 1 }),
      ]);
    expect(store.getState().entries.map((e) => e.id)).toEqual([5, 2, 1]);
  });
});
