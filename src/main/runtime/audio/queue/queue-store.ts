import { z } from 'zod';
import type { DatabaseManager } from '../../database/database-manager';
import type { DatabaseEngine } from '../../database/engine';
import { JsonField, TextField } from '../../database/fields/builtin';
import { PK } from '../../database/constraints';
import { defineModel } from '../../database/model';
import type { Logger } from '../../logging/logging';

const SpecSchema = z.object({
  kind: z.enum(['file', 'ffmpeg', 'web']),
  input: z.string(),
  inputArgs: z.array(z.string()).optional(),
  args: z.array(z.string()).optional(),
  title: z.string().optional(),
  requester: z.string().nullable().optional(),
});

/** What is stored per guild: enough to rebuild the queue where it was. */
export const SavedQueueSchema = z.object({
  volume: z.number().int().min(0).max(200),
  loop: z.enum(['off', 'one', 'all']),
  current: z.object({ spec: SpecSchema, positionMs: z.number().min(0) }).nullable(),
  upcoming: z.array(SpecSchema),
});
export type SavedQueue = z.infer<typeof SavedQueueSchema>;

/** One row per guild database (key `queue`). */
export class AudioQueueState extends defineModel('AudioQueueState', {
  key: TextField({ constraints: [PK()], maxLength: 32 }),
  state: JsonField(),
}) {}

const KEY = 'queue';

/**
 * Reads and writes the saved queue of a guild through the ORM (the guild's own database). The
 * table is created in a guild's database only when that guild saves a queue, never in the others.
 */
export class QueueStore {
  constructor(
    private readonly database: DatabaseManager,
    private readonly logger: Logger,
  ) {}

  private async open(guildId: string): Promise<DatabaseEngine> {
    const db = await this.database.getDb(guildId);
    if (!db.isRegistered(AudioQueueState)) {
      const failed = await db.registerOrRecord(AudioQueueState);
      if (failed) throw failed;
    }
    return db;
  }

  async save(guildId: string, state: SavedQueue): Promise<void> {
    const db = await this.open(guildId);
    await db.transaction(async (t) => {
      const row =
        (await t.query(AudioQueueState).filter({ key: KEY }).first()) ?? (await t.new(AudioQueueState));
      row.key = KEY;
      row.state = state;
      await row.save();
    });
  }

  /** The saved queue, or null when there is none or it is unreadable (logged). */
  async load(guildId: string): Promise<SavedQueue | null> {
    const existing = await this.database.getDb(guildId);
    if (!existing.isRegistered(AudioQueueState)) {
      const tables = await existing.inspectTables();
      if (!tables.some((t) => t.name === AudioQueueState.schema.table)) return null;
    }
    const db = await this.open(guildId);
    const row = await db.query(AudioQueueState).filter({ key: KEY }).first();
    if (!row) return null;
    const parsed = SavedQueueSchema.safeParse(row.state);
    if (!parsed.success) {
      this.logger.warn(
        { guild: guildId, issues: parsed.error.issues },
        'saved audio queue is unreadable; ignored',
      );
      return null;
    }
    return parsed.data;
  }

  /** Guild databases that exist on disk (candidates for a saved queue). */
  async guilds(): Promise<string[]> {
    return (await this.database.list()).map((d) => d.id).filter((id) => id !== 'global');
  }
}
