// The audit log end to end on a real Bot: Command.log, the auditlog commands (console and a chat
// network), posts to audit channels, a failing channel that never fails the command, searching
// and paging over the contract, retention, and the panel's own audited actions.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditEntry, AuditGuild, AuditPage } from '../../src/shared/dto/audit';
import type { EventFrame } from '../../src/shared/contract/events';
import type { ChannelRef } from '../../src/main/runtime/adapters/types';
import { AuditEntryRecord } from '../../src/main/runtime/audit/models';
import { testApi } from '../support/test-bot';
import { FakeAdapter, useHarnesses, waitFor, type CmdHarness } from '../support/cmdsys-harness';
import { startTestBot } from '../support/test-bot';
import { useTmpDirs } from '../support/tmp-dir';

const startHarness = useHarnesses();
const tmp = useTmpDirs();
/** A bot whose rate limits do not get in the way of a test that talks fast. */
const FAST = { burst: 1000, perSecond: 1000 };
const start = (options: Parameters<typeof startHarness>[0] = {}) =>
  startHarness({
    ...options,
    configOverrides: { 'rateLimit.user': FAST, 'rateLimit.channel': FAST, ...options.configOverrides },
  });

const KICK = `import { Command, StringArgument, type ArgsOf } from 'cmdsys';
export class Kick extends Command {
  setup() { this.name = 'kick'; this.desc = 'Pretends to kick.'; return this.addArgument(new StringArgument('who')); }
  async call({ who }: ArgsOf<Kick>) {
    await this.log('kicked ' + who);
    await this.respond('kicked ' + who);
  }
}
`;

/** The fake chat network gets audit channels: #general and #gone resolve; #gone cannot be posted to. */
function withChannels(h: CmdHarness): { failing: Set<string> } {
  const failing = new Set<string>();
  const known: ChannelRef[] = [
    { id: 'c1', name: 'general' },
    { id: 'c9', name: 'gone' },
  ];
  const fake = h.fake as typeof h.fake & { writableChannel(g: string, t: string): Promise<ChannelRef> };
  fake.writableChannel = async (_guild, text) => {
    const bare = text.replace(/^#/, '');
    const found = known.find((c) => c.id === bare || c.name === bare);
    if (!found) throw new Error(`there is no channel ${text}`);
    return found;
  };
  const send = fake.send.bind(fake);
  fake.send = async (out) => {
    if (failing.has(out.channel.id)) throw new Error('Unknown Channel');
    return send(out);
  };
  return { failing };
}

async function call<T>(h: CmdHarness, method: string, input: unknown): Promise<T> {
  const api = testApi(h.bot);
  try {
    const result = await api.router.call(method, input, { transport: 'test' });
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.data as T;
  } finally {
    api.dispose();
  }
}

describe('audit log: console', () => {
  it('Command.log stores an entry in the console guild, searchable through the API and pushed live', async () => {
    const h = await start({ files: { 'kick.ts': KICK } });
    const api = testApi(h.bot);
    const frames: EventFrame[] = [];
    const off = api.events.subscribe((frame) => frames.push(frame));
    expect(await h.run('kick mallory')).toEqual(['kicked mallory']);
    const page = await call<AuditPage>(h, 'audit.search', { guild: 'console' });
    expect(page.entries).toHaveLength(1);
    expect(page.entries[0]).toMatchObject({
      guild: 'console',
      guildName: 'Console',
      actorId: 'console',
      command: 'kick',
      message: 'kicked mallory',
      channel: 'panel',
    });
    await waitFor('the audit event', () =>
      frames.flat().find((e) => e.event === 'audit' && e.data.some((x) => x.message === 'kicked mallory')),
    );
    off();
    api.dispose();
  });

  it('many entries at once, the first of a new guild among them: every one is stored', async () => {
    const h = await start();
    const msg = h.fake.message('x', { channel: { id: 'c1', name: 'general' } });
    const entries = await Promise.all(
      Array.from({ length: 20 }, (_, i) => h.bot.audit.record({ msg, command: 'burst', message: `n${i}` })),
    );
    expect(entries.every((e) => e !== null)).toBe(true);
    const { entries: stored } = await h.bot.audit.search('discord-g1', { limit: 100 });
    expect(stored.map((e) => e.message).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `n${i}`).sort());
    expect(h.logs('warn')).toEqual([]);
  });

  it('entries, channels and guilds survive a restart', async () => {
    const dataDir = tmp();
    const fake = new FakeAdapter('fake', 'discord', [{ id: '42', name: 'alice', mention: '<@42>' }]);
    const first = await startTestBot(dataDir);
    try {
      await first.audit.record({ msg: fake.message('x'), command: 'kick', message: 'before the restart' });
    } finally {
      await first.stop('restart');
    }
    const second = await startTestBot(dataDir);
    try {
      const guilds = await second.audit.guilds();
      expect(guilds.map((g) => [g.db, g.name, g.network])).toEqual([
        ['console', 'Console', 'console'],
        ['discord-g1', 'Guild', 'discord'],
      ]);
      const { entries } = await second.audit.search('discord-g1', { limit: 10 });
      expect(entries.map((e) => e.message)).toEqual(['before the restart']);
    } finally {
      await second.stop('done');
    }
  });

  it('databases the audit log never used get no audit tables, not even by being listed', async () => {
    const h = await start();
    await h.bot.database.getDb('discord-77');
    const { guilds } = await call<{ guilds: AuditGuild[] }>(h, 'audit.guilds', {});
    expect(guilds.map((g) => g.db)).toEqual(['console']);
    const tables = await (await h.bot.database.getDb('discord-77')).inspectTables();
    expect(tables.map((t) => t.name)).toEqual([]);
  });

  it('auditlog list/add on the console point at the Audit view; add is refused with that reason', async () => {
    const h = await start();
    expect(await h.run('auditlog list')).toEqual([
      "The console's audit entries are shown in the panel's Audit view.",
    ]);
    const [answer] = await h.run('auditlog add #general');
    expect(answer).toMatch(/audit channel is the panel's Audit view/);
  });

  it('built-ins log themselves: reloads, alias and bad-word changes', async () => {
    const h = await start();
    await h.run('reloadCommands');
    await h.run('alias add "hi {x}" "echo {x}"');
    await h.run('badword add darn');
    await h.run('badword mode remove');
    const { entries } = await call<AuditPage>(h, 'audit.search', { guild: 'console' });
    expect(entries.map((e) => e.command)).toEqual([
      'badword mode',
      'badword add',
      'alias add',
      'reloadCommands',
    ]);
    expect(entries[2]!.message).toBe('added alias hi {x} → echo {x}');
    // the bad word itself is not repeated into audit channels
    expect(entries[1]!.message).not.toContain('darn');
  });
});

describe('audit log: a chat guild', () => {
  it('auditlog add/list/remove (rank 2), posts arrive in the audit channel; lower ranks are refused', async () => {
    const h = await start({ files: { 'kick.ts': KICK } });
    withChannels(h);
    expect(await h.chat('auditlog add #general', { rank: 5 }).done()).toEqual([
      expect.stringMatching(/permission|rank/i),
    ]);
    expect(await h.chat('auditlog add #nowhere', { rank: 2 }).done()).toEqual([
      expect.stringMatching(/there is no channel #nowhere/i),
    ]);
    expect(await h.chat('auditlog add #general', { rank: 2 }).done()).toEqual([
      'Audit entries of this server now also go to #general.',
    ]);
    expect(await h.chat('auditlog add c1', { rank: 2 }).done()).toEqual([
      expect.stringMatching(/already an audit channel/),
    ]);
    const posts = () => h.fake.sent.filter((s) => s.text.startsWith('[audit]'));
    expect(posts().map((p) => [p.channel.id, p.text])).toEqual([
      ['c1', '[audit] alice (auditlog add, general): added audit channel #general'],
    ]);
    await h.chat('kick mallory', { rank: 2 }).done();
    expect(posts().at(-1)!.text).toBe('[audit] alice (kick, general): kicked mallory');
    const list = (await h.chat('auditlog list', { rank: 2 }).done()).join('\n');
    expect(list).toMatch(/^#general \(c1\), added by alice$/);
    expect(await h.chat('auditlog remove #general', { rank: 2 }).done()).toEqual([
      '#general is no longer an audit channel.',
    ]);
    const before = posts().length;
    await h.chat('kick eve', { rank: 2 }).done();
    expect(posts().length).toBe(before); // removed: nothing more posted there
    const { entries } = await call<AuditPage>(h, 'audit.search', { guild: 'discord-g1' });
    expect(entries.map((e) => e.message)).toEqual([
      'kicked eve',
      'removed audit channel #general',
      'kicked mallory',
      'added audit channel #general',
    ]);
  });

  it('a deleted audit channel never fails the command: logged once, remembered, pushed to the panel', async () => {
    const h = await start({ files: { 'kick.ts': KICK } });
    const { failing } = withChannels(h);
    await h.chat('auditlog add #gone', { rank: 2 }).done();
    await h.chat('auditlog add #general', { rank: 2 }).done();
    failing.add('c9');
    const api = testApi(h.bot);
    const frames: EventFrame[] = [];
    const off = api.events.subscribe((frame) => frames.push(frame));
    expect(await h.chat('kick a', { rank: 2 }).done()).toEqual(['kicked a']);
    expect(await h.chat('kick b', { rank: 2 }).done()).toEqual(['kicked b']);
    // the working channel still got both
    expect(
      h.fake.sent.filter((s) => s.channel.id === 'c1' && /^\[audit\].*kicked [ab]$/.test(s.text)),
    ).toHaveLength(2);
    const warnings = h.logs('warn').filter((e) => e.msg.includes('posting to audit channel gone failed'));
    expect(warnings).toHaveLength(1);
    const failures = await waitFor('the failure event', () => {
      const found = frames.flat().filter((e) => e.event === 'auditFailure');
      return found.length ? found : null;
    });
    expect(failures).toHaveLength(1);
    expect(failures[0]!.data).toMatchObject({
      guild: 'discord-g1',
      channelId: 'c9',
      error: 'Unknown Channel',
    });
    const { guilds } = await call<{ guilds: AuditGuild[] }>(h, 'audit.guilds', {});
    const guild = guilds.find((g) => g.db === 'discord-g1')!;
    expect(guild.channels.find((c) => c.id === 'c9')!.lastError).toBe('Unknown Channel');
    expect(guild.channels.find((c) => c.id === 'c1')!.lastError).toBeNull();
    // it works again: the error clears and a later failure is reported again
    failing.delete('c9');
    await h.chat('kick c', { rank: 2 }).done();
    const again = await call<{ guilds: AuditGuild[] }>(h, 'audit.guilds', {});
    expect(again.guilds.find((g) => g.db === 'discord-g1')!.channels.every((c) => c.lastError === null)).toBe(
      true,
    );
    off();
    api.dispose();
  });

  it('the panel adds and removes channels, audited with the panel as actor; bad requests are refused', async () => {
    const h = await start({ files: { 'kick.ts': KICK } });
    withChannels(h);
    await h.chat('kick someone', { rank: 2 }).done(); // the guild becomes known
    const guild = await call<AuditGuild>(h, 'audit.addChannel', { guild: 'discord-g1', channel: '#general' });
    expect(guild.channels.map((c) => [c.id, c.addedBy])).toEqual([['c1', 'panel']]);
    await call<AuditGuild>(h, 'audit.removeChannel', { guild: 'discord-g1', channel: 'general' });
    const { entries } = await call<AuditPage>(h, 'audit.search', { guild: 'discord-g1', actor: 'panel' });
    expect(entries.map((e) => [e.actorName, e.command, e.message])).toEqual([
      ['panel', 'audit view', 'removed audit channel #general'],
      ['panel', 'audit view', 'added audit channel #general'],
    ]);
    await expect(call(h, 'audit.addChannel', { guild: 'console', channel: '#x' })).rejects.toThrow(
      /BAD_REQUEST: .*panel's Audit view/,
    );
    await expect(call(h, 'audit.search', { guild: 'discord-unknown' })).rejects.toThrow(
      /BAD_REQUEST: no database/,
    );
    await expect(call(h, 'audit.search', { guild: '../etc' })).rejects.toThrow(/BAD_REQUEST/);
    await expect(call(h, 'audit.search', { guild: 'global' })).rejects.toThrow(
      /global database has no audit log/,
    );
    await expect(call(h, 'audit.removeChannel', { guild: 'discord-g1', channel: '#none' })).rejects.toThrow(
      /not an audit channel/,
    );
  });

  it('the same channel added twice at once is added once; the other gets a clear refusal', async () => {
    const h = await start({ files: { 'kick.ts': KICK } });
    withChannels(h);
    await h.chat('kick someone', { rank: 2 }).done();
    const results = await Promise.allSettled([
      call(h, 'audit.addChannel', { guild: 'discord-g1', channel: '#general' }),
      call(h, 'audit.addChannel', { guild: 'discord-g1', channel: 'c1' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(String(refused.reason)).toMatch(/BAD_REQUEST: #general is already an audit channel/);
    expect((await h.bot.audit.channels('discord-g1')).map((c) => c.id)).toEqual(['c1']);
  });

  it('panel actions are audited in the console guild: config changes, reloads, cancels', async () => {
    const h = await start();
    const config = await call<{ stored: Record<string, unknown> }>(h, 'config.get', {});
    const next = structuredClone(config.stored) as { ranks: { owners: string[] } };
    next.ranks.owners = ['123'];
    await call(h, 'config.set', { config: next });
    await call(h, 'commands.reload', {});
    await waitFor(
      'two entries',
      async () => (await h.bot.audit.search('console', { limit: 10 })).entries.length === 2,
    );
    const { entries } = await h.bot.audit.search('console', { limit: 10 });
    expect(entries.map((e) => [e.actorName, e.command])).toEqual([
      ['panel', 'reloadCommands'],
      ['panel', 'config'],
    ]);
    expect(entries[1]!.message).toBe('changed settings: ranks');
  });
});

describe('audit log: search, paging and retention', () => {
  async function seed(h: CmdHarness, count: number, base = Date.now() - count * 1000) {
    const db = await h.bot.database.getDb('console');
    if (!db.isRegistered(AuditEntryRecord)) await db.register(AuditEntryRecord);
    await db.insertMany(
      AuditEntryRecord,
      Array.from({ length: count }, (_, i) => ({
        time: base + i * 1000,
        channel: 'panel',
        actorId: `u${i % 7}`,
        actorName: i % 7 === 0 ? 'Zoë_admin' : `user${i % 7}`,
        command: i % 3 === 0 ? 'kick' : 'mute',
        message: i === 5 ? 'gave 100% of the points' : `entry ${i}`,
      })),
    );
    return base;
  }

  it('10k entries page correctly with the cursor: every entry once, newest first', async () => {
    const h = await start();
    await seed(h, 10_000);
    const seen: number[] = [];
    let cursor: number | undefined;
    let pages = 0;
    for (;;) {
      const page = await call<AuditPage>(h, 'audit.search', {
        guild: 'console',
        limit: 500,
        ...(cursor !== undefined ? { cursor } : {}),
      });
      pages++;
      seen.push(...page.entries.map((e) => e.id));
      if (page.nextCursor === null) break;
      expect(page.entries).toHaveLength(500);
      cursor = page.nextCursor;
    }
    expect(pages).toBe(20);
    expect(seen).toHaveLength(10_000);
    expect(new Set(seen).size).toBe(10_000);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
  });

  it('filters by actor, command, text and time range, combined, and pages filtered results', async () => {
    const h = await start();
    const base = await seed(h, 1_000);
    const search = (q: Record<string, unknown>) =>
      call<AuditPage>(h, 'audit.search', { guild: 'console', limit: 500, ...q });
    const byActor = await search({ actor: 'zoë_ADMIN' });
    expect(byActor.entries).toHaveLength(143);
    expect(byActor.entries.every((e) => e.actorName === 'Zoë_admin')).toBe(true);
    // `_` and `%` are plain characters, not wildcards
    expect((await search({ actor: 'user_' })).entries).toHaveLength(0);
    expect((await search({ text: '100%' })).entries.map((e) => e.message)).toEqual([
      'gave 100% of the points',
    ]);
    expect((await search({ text: '0%' })).entries).toHaveLength(1);
    const kicks = await search({ command: 'KICK' });
    expect(kicks.entries.every((e) => e.command === 'kick')).toBe(true);
    expect(kicks.entries).toHaveLength(334);
    const range = await search({ from: base + 10_000, to: base + 20_000 });
    expect(range.entries.map((e) => e.message)).toEqual(
      Array.from({ length: 10 }, (_, i) => `entry ${19 - i}`),
    );
    const combined = await search({ actor: 'u0', command: 'kick', from: base, to: base + 100_000 });
    // i in [0, 100) with i % 7 == 0 and i % 3 == 0: 0, 21, 42, 63, 84
    expect(combined.entries.map((e) => e.message)).toEqual([
      'entry 84',
      'entry 63',
      'entry 42',
      'entry 21',
      'entry 0',
    ]);
    // a filtered search pages too
    const first = await search({ command: 'kick', limit: 100 });
    const second = await search({ command: 'kick', limit: 200, cursor: first.nextCursor });
    const third = await search({ command: 'kick', limit: 300, cursor: second.nextCursor });
    expect(first.entries.length + second.entries.length + third.entries.length).toBe(334);
    expect(third.nextCursor).toBeNull();
    await expect(search({ limit: 501 })).rejects.toThrow(/BAD_REQUEST/);
  });

  it('retention deletes entries older than audit.retentionDays', async () => {
    const h = await start({ configOverrides: { 'audit.retentionDays': 2 } });
    const day = 24 * 60 * 60 * 1000;
    await seed(h, 10, Date.now() - 5 * day); // ten entries 5 days old
    await seed(h, 3, Date.now() - 1000);
    expect(await h.bot.audit.prune('console', true)).toBe(10);
    const { entries } = await h.bot.audit.search('console', { limit: 100 });
    expect(entries).toHaveLength(3);
  });
});

describe('images on the console', () => {
  it('statcard: the console prints [image: <path in the data dir>], the panel can fetch it', async () => {
    const source = readFileSync(path.resolve(import.meta.dirname, '../../commands/statcard.ts'), 'utf8');
    const h = await start({ files: { 'statcard.ts': source } });
    const [caption, line] = await h.run('statcard');
    expect(caption).toBe('Bot status');
    const m = /^\[image: (.+)\]$/.exec(line!);
    expect(m).not.toBeNull();
    const file = m![1]!;
    expect(path.isAbsolute(file)).toBe(true);
    expect(path.dirname(file)).toBe(path.join(h.bot.dataDir, 'images'));
    const png = readFileSync(file);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(480); // IHDR width
    const out = h.consoleOut.find((o) => o.image !== undefined)!;
    expect(out.image).toBe(path.basename(file));
    const got = await call<{ base64: string }>(h, 'images.get', { file: path.basename(file) });
    expect(Buffer.from(got.base64, 'base64').equals(png)).toBe(true);
    for (const bad of ['../config.json', '..png', 'a/b.png', '/etc/passwd', 'x.txt'])
      await expect(call(h, 'images.get', { file: bad })).rejects.toThrow(/BAD_REQUEST/);
    await expect(call(h, 'images.get', { file: 'missing.png' })).rejects.toThrow(/NOT_FOUND/);
  });

  it('stdin console sessions print the path too', async () => {
    const source = readFileSync(path.resolve(import.meta.dirname, '../../commands/statcard.ts'), 'utf8');
    const h = await start({ files: { 'statcard.ts': source } });
    const chunks: string[] = [];
    const { PassThrough } = await import('node:stream');
    const input = new PassThrough();
    const output = new PassThrough();
    output.on('data', (c: Buffer) => chunks.push(c.toString()));
    const done = h.bot.console.attachStdin(input, output);
    input.end('statcard\n');
    await done;
    await waitFor('the image line', () => chunks.join('').includes('[image: '));
    expect(chunks.join('')).toMatch(
      new RegExp(
        `\\[image: ${h.bot.dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/images/statcard-\\d+-[0-9a-f]+\\.png\\]`,
      ),
    );
  });
});

export type { AuditEntry };
