import type {
  AuditChannel,
  AuditEntry,
  AuditFailure,
  AuditGuild,
  AuditPage,
} from '../../../shared/dto/audit';
import type { Adapter, ChannelRef } from '../adapters/types';
import type { DatabaseManager } from '../database/database-manager';
import type { DatabaseEngine } from '../database/engine';
import { Lt } from '../database/filters';
import type { Logger } from '../logging/logging';
import { splitMessage } from '../text/split-message';
import { Listeners } from '../util/listeners';
import { searchEntries, toEntry, type AuditQuery } from './audit-search';
import { AUDIT_MODELS, AuditChannelRecord, AuditEntryRecord, AuditGuildRecord } from './models';
import { AuditError, PANEL_ACTOR, type AuditActor, type AuditApi, type AuditRecordInput } from './types';

export interface AuditLogDeps {
  database: DatabaseManager;
  adapterOf(id: string): Adapter | undefined;
  retentionDays(): number;
  logger: Logger;
  /** How long one post to an audit channel may take (default 10 s). */
  postTimeoutMs?: number;
}

interface GuildInfo {
  db: string;
  guildId: string;
  name: string;
  network: string;
  adapterId: string;
}

const CONSOLE_DB = 'console';
const CONSOLE_INFO: GuildInfo = {
  db: CONSOLE_DB,
  guildId: 'console',
  name: 'Console',
  network: 'console',
  adapterId: 'console',
};
const PRUNE_EVERY_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The line posted to audit channels for an entry. */
export function formatAuditPost(entry: AuditEntry): string {
  return `[audit] ${entry.actorName} (${entry.command}, ${entry.channel}): ${entry.message}`;
}

/**
 * Audit log: entries stored per guild database and searchable, audit channels per guild, posts
 * to those channels. A failing post never fails the caller; it is logged once per channel (until
 * a post there works again), remembered on the channel and pushed to the panel.
 */
export class AuditLog implements AuditApi {
  private readonly entryListeners: Listeners<AuditEntry>;
  private readonly failureListeners: Listeners<AuditFailure>;
  private readonly known = new Map<string, GuildInfo>();
  private readonly failing = new Set<string>();
  private readonly lastPrune = new Map<string, number>();
  private readonly preparing = new Map<string, Promise<DatabaseEngine>>();

  constructor(private readonly deps: AuditLogDeps) {
    const onError = (err: unknown): void => deps.logger.error({ err }, 'audit listener failed');
    this.entryListeners = new Listeners(onError);
    this.failureListeners = new Listeners(onError);
  }

  onEntry(listener: (entry: AuditEntry) => void): () => void {
    return this.entryListeners.add(listener);
  }

  onFailure(listener: (failure: AuditFailure) => void): () => void {
    return this.failureListeners.add(listener);
  }

  async record(input: AuditRecordInput): Promise<AuditEntry | null> {
    try {
      return await this.store(input);
    } catch (err) {
      this.deps.logger.warn({ err, command: input.command }, 'audit entry could not be stored');
      return null;
    }
  }

  private async store(input: AuditRecordInput): Promise<AuditEntry> {
    const msg = input.msg;
    const info = msg ? this.infoOf(input) : await this.guildInfo(input.guild ?? CONSOLE_DB);
    const actor = this.actorOf(input);
    const db = await this.db(info.db);
    await this.remember(db, info);
    const record = await db.new(AuditEntryRecord);
    record.time = Date.now();
    record.channel = clip(msg ? msg.channel.name : (input.channel ?? 'panel'), 200);
    record.actorId = clip(actor.id, 200);
    record.actorName = clip(actor.name, 200);
    record.command = clip(input.command, 200);
    record.message = clip(String(input.message), 4_000);
    await record.save();
    const entry = toEntry(record, info.db, info.name);
    this.entryListeners.emit(entry);
    await this.post(db, info, entry);
    void this.prune(info.db).catch((err: unknown) =>
      this.deps.logger.warn({ err, db: info.db }, 'pruning old audit entries failed'),
    );
    return entry;
  }

  /** Stored entries of a guild, newest first, filtered and paged (see searchEntries). */
  async search(guild: string, query: AuditQuery): Promise<AuditPage> {
    const db = await this.existing(guild);
    const info = await this.guildInfo(guild);
    return searchEntries(db, query, { db: guild, name: info.name });
  }

  /** Deletes entries older than `audit.retentionDays` (at most once an hour per guild unless forced). */
  async prune(guild: string, force = false): Promise<number> {
    const now = Date.now();
    if (!force && now - (this.lastPrune.get(guild) ?? 0) < PRUNE_EVERY_MS) return 0;
    this.lastPrune.set(guild, now);
    const db = await this.db(guild);
    const cutoff = now - this.deps.retentionDays() * DAY_MS;
    const removed = await db.query(AuditEntryRecord).filter(Lt('time', cutoff)).delete();
    if (removed > 0) this.deps.logger.info({ db: guild, removed }, 'old audit entries deleted');
    return removed;
  }

  // ---- channels ------------------------------------------------------------------------------

  async channels(guild: string): Promise<AuditChannel[]> {
    const db = await this.db(guild);
    const rows = await db.query(AuditChannelRecord).orderBy('addedAt').all();
    return rows.map((r) => ({
      id: r.channelId,
      name: r.name,
      adapterId: r.adapterId,
      addedAt: r.addedAt,
      addedBy: r.addedBy,
      lastError: r.lastError,
    }));
  }

  /**
   * Adds an audit channel to a guild: the guild's adapter checks the channel (on Discord a text
   * channel the bot can write to). The console's channel is the panel: nothing to add there.
   */
  async addChannel(guild: string, text: string, by: AuditRecordInput): Promise<AuditChannel> {
    if (guild === CONSOLE_DB)
      throw new AuditError(
        "the console's audit channel is the panel's Audit view: console entries always appear there",
      );
    const info =
      by.msg && this.deps.database.dbIdOf(by.msg) === guild ? this.infoOf(by) : await this.guildInfo(guild);
    const adapter = this.deps.adapterOf(info.adapterId);
    if (!adapter) throw new AuditError(`the ${info.network} adapter for ${info.name} is not running`);
    if (!adapter.writableChannel) throw new AuditError(`audit channels cannot be set on ${info.network}`);
    let channel: ChannelRef;
    try {
      channel = await adapter.writableChannel(info.guildId, text);
    } catch (err) {
      throw new AuditError((err as Error).message);
    }
    const db = await this.db(guild);
    await this.remember(db, info);
    // look up and insert in one transaction: the same channel added twice at once is refused once
    const added = await db.transaction(async (t) => {
      if (await t.query(AuditChannelRecord).filter({ channelId: channel.id }).first()) return false;
      const row = await t.new(AuditChannelRecord);
      row.channelId = channel.id;
      row.name = clip(channel.name, 200);
      row.adapterId = info.adapterId;
      row.addedAt = Date.now();
      row.addedBy = clip(this.actorOf(by).name, 200);
      row.lastError = null;
      await row.save();
      return true;
    });
    if (!added) throw new AuditError(`${describe(channel)} is already an audit channel`);
    this.failing.delete(`${guild}/${channel.id}`);
    await this.record({
      ...by,
      guild,
      command: by.command,
      message: `added audit channel ${describe(channel)}`,
    });
    return (await this.channels(guild)).find((c) => c.id === channel.id)!;
  }

  /** Removes an audit channel by id, mention (`<#id>`) or name (`#name`). */
  async removeChannel(guild: string, text: string, by: AuditRecordInput): Promise<AuditChannel> {
    const db = await this.existing(guild);
    const wanted = text.trim();
    const bare = /^<#(\d+)>$/.exec(wanted)?.[1] ?? wanted;
    const rows = await db.query(AuditChannelRecord).all();
    const row =
      rows.find((r) => r.channelId === bare) ??
      rows.find((r) => r.name.toLowerCase() === bare.replace(/^#/, '').toLowerCase()) ??
      rows.find((r) => r.name.toLowerCase() === bare.toLowerCase());
    if (!row) throw new AuditError(`"${text}" is not an audit channel here (see "auditlog list")`);
    const removed = {
      id: row.channelId,
      name: row.name,
      adapterId: row.adapterId,
      addedAt: row.addedAt,
      addedBy: row.addedBy,
      lastError: row.lastError,
    };
    await row.delete();
    this.failing.delete(`${guild}/${removed.id}`);
    await this.record({
      ...by,
      guild,
      command: by.command,
      message: `removed audit channel ${describe(removed)}`,
    });
    return removed;
  }

  /** Every guild database with audit data (the console first) and its channels. */
  async guilds(): Promise<AuditGuild[]> {
    const files = await this.deps.database.list();
    const ids = [CONSOLE_DB, ...files.map((f) => f.id).filter((id) => id !== 'global' && id !== CONSOLE_DB)];
    const out: AuditGuild[] = [];
    for (const id of ids) {
      const info = id === CONSOLE_DB ? CONSOLE_INFO : await this.storedInfo(id);
      if (!info) continue;
      out.push(await this.guildDto(id));
    }
    return out;
  }

  async guildDto(guild: string): Promise<AuditGuild> {
    const info = await this.guildInfo(guild);
    return {
      db: guild,
      name: info.name,
      network: info.network,
      adapterId: info.adapterId || null,
      channels: guild === CONSOLE_DB ? [] : await this.channels(guild),
    };
  }

  // ---- posting -------------------------------------------------------------------------------

  private async post(db: DatabaseEngine, info: GuildInfo, entry: AuditEntry): Promise<void> {
    if (info.db === CONSOLE_DB) return;
    const channels = await db.query(AuditChannelRecord).all();
    await Promise.all(channels.map((channel) => this.postTo(channel, entry)));
  }

  private async postTo(channel: AuditChannelRecord, entry: AuditEntry): Promise<void> {
    const key = `${entry.guild}/${channel.channelId}`;
    try {
      const adapter = this.deps.adapterOf(channel.adapterId);
      if (!adapter) throw new Error(`adapter ${channel.adapterId} is not running`);
      const target = { id: channel.channelId, name: channel.name };
      const timeoutMs = this.deps.postTimeoutMs ?? 10_000;
      for (const text of splitMessage(formatAuditPost(entry), adapter.limits)) {
        await withTimeout(adapter.send({ channel: target, text }), timeoutMs);
      }
      if (this.failing.delete(key) || channel.lastError !== null) {
        this.deps.logger.info({ db: entry.guild, channel: channel.name }, 'audit channel works again');
        channel.lastError = null;
        await channel.save();
      }
    } catch (err) {
      if (this.failing.has(key)) return;
      this.failing.add(key);
      const error = clip((err as Error).message || String(err), 1_000);
      this.deps.logger.warn(
        { db: entry.guild, channel: channel.name, channelId: channel.channelId, error },
        `posting to audit channel ${channel.name} failed (reported once until it works again)`,
      );
      try {
        channel.lastError = error;
        await channel.save();
      } catch (saveErr) {
        this.deps.logger.warn({ err: saveErr }, 'could not remember the audit channel failure');
      }
      this.failureListeners.emit({
        guild: entry.guild,
        channelId: channel.channelId,
        channelName: channel.name,
        error,
        time: Date.now(),
      });
    }
  }

  // ---- guild metadata ------------------------------------------------------------------------

  private infoOf(input: AuditRecordInput): GuildInfo {
    const msg = input.msg!;
    return {
      db: this.deps.database.dbIdOf(msg),
      guildId: msg.guild?.id ?? 'private',
      name: msg.guild?.name ?? 'private messages',
      network: msg.network,
      adapterId: msg.adapterId,
    };
  }

  private actorOf(input: AuditRecordInput): AuditActor {
    const msg = input.msg;
    return msg
      ? { id: msg.author.id, name: msg.author.displayName || msg.author.name }
      : (input.actor ?? PANEL_ACTOR);
  }

  /** Stores what a guild is (once per run unless it changed), so the panel can list and act on it. */
  private async remember(db: DatabaseEngine, info: GuildInfo): Promise<void> {
    const cached = this.known.get(info.db);
    if (cached && cached.name === info.name && cached.adapterId === info.adapterId) return;
    // look up and write in one transaction: two first entries of a guild at once must not both insert
    await db.transaction(async (t) => {
      const row =
        (await t.query(AuditGuildRecord).filter({ key: 'guild' }).first()) ?? (await t.new(AuditGuildRecord));
      row.key = 'guild';
      row.guildId = clip(info.guildId, 200);
      row.name = clip(info.name, 200);
      row.network = clip(info.network, 32);
      row.adapterId = clip(info.adapterId, 200);
      await row.save();
    });
    this.known.set(info.db, info);
  }

  private async storedInfo(guild: string): Promise<GuildInfo | null> {
    const cached = this.known.get(guild);
    if (cached) return cached;
    // a database the audit log never wrote to gets no audit tables just by being listed
    const engine = await this.deps.database.getDb(guild);
    if (!engine.isRegistered(AuditGuildRecord)) {
      const tables = await engine.inspectTables();
      if (!tables.some((t) => t.name === AuditGuildRecord.schema.table)) return null;
    }
    const db = await this.db(guild);
    const row = await db.query(AuditGuildRecord).filter({ key: 'guild' }).first();
    if (!row) return null;
    const info = {
      db: guild,
      guildId: row.guildId,
      name: row.name,
      network: row.network,
      adapterId: row.adapterId,
    };
    this.known.set(guild, info);
    return info;
  }

  private async guildInfo(guild: string): Promise<GuildInfo> {
    if (guild === CONSOLE_DB) return CONSOLE_INFO;
    const info = await this.storedInfo(guild);
    if (!info) throw new AuditError(`no audit data for "${guild}": nothing was logged there yet`);
    return info;
  }

  /**
   * A guild's database with the audit tables (created there on first use only: databases the
   * audit log never touches stay as they are).
   */
  private db(id: string): Promise<DatabaseEngine> {
    let pending = this.preparing.get(id);
    if (!pending) {
      const prepared = (async () => {
        const engine = await this.deps.database.getDb(id);
        for (const model of AUDIT_MODELS) if (!engine.isRegistered(model)) await engine.register(model);
        return engine;
      })();
      pending = prepared;
      this.preparing.set(id, prepared);
      // a failure is not kept: the next use tries again
      prepared.catch(() => {
        if (this.preparing.get(id) === prepared) this.preparing.delete(id);
      });
    }
    const current = pending;
    return current.then((engine) => {
      if (!engine.closed) return engine;
      // the manager closed it (shutdown): open and prepare a fresh one
      if (this.preparing.get(id) === current) this.preparing.delete(id);
      return this.db(id);
    });
  }

  /** A guild database that exists already (the panel must not create files by asking). */
  private async existing(guild: string): Promise<DatabaseEngine> {
    if (guild === 'global') throw new AuditError('the global database has no audit log: pick a guild');
    if (guild !== CONSOLE_DB) {
      const files = await this.deps.database.list();
      if (!files.some((f) => f.id === guild)) throw new AuditError(`no database "${guild}"`);
    }
    return this.db(guild);
  }
}

function describe(channel: { id: string; name: string }): string {
  if (channel.name.startsWith('#') || channel.name.startsWith('&')) return channel.name;
  return `#${channel.name}`;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
