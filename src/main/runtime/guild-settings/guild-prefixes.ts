import type { IncomingMessage } from '../adapters/types';
import type { DatabaseManager } from '../database/database-manager';
import type { DatabaseEngine } from '../database/engine';
import { TextField } from '../database/fields/builtin';
import { PK } from '../database/constraints';
import { defineModel } from '../database/model';

/** A per-guild setting, stored in the guild's database (key → text). */
export class GuildSettingRecord extends defineModel('GuildSetting', {
  key: TextField({ constraints: [PK()], maxLength: 64 }),
  value: TextField({ maxLength: 1_000 }),
}) {}

const PREFIX_KEY = 'prefix';
export const MAX_PREFIX_LENGTH = 16;
/** Database ids remembered per network before the memo starts over. */
const MAX_REMEMBERED_IDS = 10_000;

/**
 * Per-guild command prefixes (`prefix set !`), kept in each guild's database and cached: the
 * pipeline reads the cache synchronously and loads a guild it has not seen once (asynchronously,
 * before detecting that message). A guild without its own prefix uses `pipeline.triggers`.
 * Reading never creates tables: a guild gets the settings table only when a prefix is set.
 */
export class GuildPrefixes {
  /** Database id → the guild's prefix, or null for "use pipeline.triggers". */
  private readonly cache = new Map<string, string | null>();
  private readonly loading = new Map<string, Promise<void>>();
  /** network → guild id → database id: every message asks, and encoding the id is not free. */
  private readonly ids = new Map<string, Map<string, string>>();

  constructor(private readonly database: DatabaseManager) {}

  /** Console and private messages have no guild prefix. */
  private idOf(msg: IncomingMessage): string | null {
    if (!msg.guild || msg.network === 'console') return null;
    let byGuild = this.ids.get(msg.network);
    if (!byGuild) this.ids.set(msg.network, (byGuild = new Map()));
    let id = byGuild.get(msg.guild.id);
    if (id === undefined) {
      if (byGuild.size >= MAX_REMEMBERED_IDS) byGuild.clear();
      id = this.database.dbIdOf(msg);
      byGuild.set(msg.guild.id, id);
    }
    return id;
  }

  /** The guild's prefix (null: none), or undefined when it still has to be loaded. */
  cached(msg: IncomingMessage): string | null | undefined {
    const id = this.idOf(msg);
    return id === null ? null : this.cache.get(id);
  }

  /** Loads the guild's prefix into the cache (once; later calls share the load). */
  load(msg: IncomingMessage): Promise<void> {
    const id = this.idOf(msg);
    if (id === null || this.cache.has(id)) return Promise.resolve();
    let pending = this.loading.get(id);
    if (!pending) {
      pending = this.read(id)
        .then(
          (value) => void this.cache.set(id, value),
          () => void this.cache.set(id, null), // an unreadable database: the default triggers
        )
        .finally(() => this.loading.delete(id));
      this.loading.set(id, pending);
    }
    return pending;
  }

  /**
   * The prefix stored in database `id` (null: none), for the panel: from the cache, else read
   * (without creating anything) and cached.
   */
  async stored(id: string): Promise<string | null> {
    const known = this.cache.get(id);
    if (known !== undefined) return known;
    const value = await this.read(id);
    this.cache.set(id, value);
    return value;
  }

  /** Sets (or with null removes) the guild's prefix. */
  async set(msg: IncomingMessage, prefix: string | null): Promise<void> {
    const id = this.idOf(msg);
    if (id === null) throw new Error('a prefix belongs to a guild');
    const engine = await this.engine(id, true);
    await engine.transaction(async (t) => {
      const row = await t.query(GuildSettingRecord).filter({ key: PREFIX_KEY }).first();
      if (prefix === null) {
        if (row) await row.delete();
        return;
      }
      const record = row ?? (await t.new(GuildSettingRecord));
      record.key = PREFIX_KEY;
      record.value = prefix;
      await record.save();
    });
    this.cache.set(id, prefix);
  }

  private async read(id: string): Promise<string | null> {
    const engine = await this.engine(id, false);
    if (!engine) return null;
    const row = await engine.query(GuildSettingRecord).filter({ key: PREFIX_KEY }).first();
    return row?.value ?? null;
  }

  private async engine(id: string, create: true): Promise<DatabaseEngine>;
  private async engine(id: string, create: false): Promise<DatabaseEngine | null>;
  private async engine(id: string, create: boolean): Promise<DatabaseEngine | null> {
    const engine = await this.database.getDb(id);
    if (!engine.isRegistered(GuildSettingRecord)) {
      if (!create) {
        const tables = await engine.inspectTables();
        if (!tables.some((t) => t.name === GuildSettingRecord.schema.table)) return null;
      }
      await engine.register(GuildSettingRecord);
    }
    return engine;
  }
}
