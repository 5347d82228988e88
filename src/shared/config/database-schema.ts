import { z } from 'zod';

/** `database.postgres`: the server used when `database.engine` is "postgres". */
export const PostgresConfigSchema = z
  .object({
    /**
     * `postgres://user:password@host:port/database` (secret: never logged, never sent to the
     * panel). Each guild's database is a schema of its own on that database, the global one too.
     */
    url: z.string().min(1).nullable().default(null),
    /**
     * Start of the schema names of this bot's databases (`protos_global`, `protos_discord_2d1…`):
     * two bots can share one server with different prefixes.
     */
    schemaPrefix: z
      .string()
      .regex(/^[a-z][a-z0-9]{0,15}_$/, 'lower-case letters and digits, starting with a letter, ending in _')
      .default('protos_'),
    /** Connections the bot keeps to the server at most, shared by every guild. */
    maxConnections: z.number().int().min(1).max(1000).default(10),
  })
  .strict();

/** The `database` section of config.json. */
export const DatabaseConfigSchema = z
  .object({
    /** Where data lives: SQLite files in the data dir (default), or a PostgreSQL server. */
    engine: z.enum(['sqlite', 'postgres']).default('sqlite'),
    postgres: PostgresConfigSchema.prefault({}),
    /**
     * Databases kept open at once; beyond it the least recently used idle ones are checkpointed
     * and closed, and reopened on their next use. null: derived from the open-file limit
     * (an eighth of `ulimit -n`, between 8 and 512). SQLite only.
     */
    maxOpen: z.number().int().min(1).max(100_000).nullable().default(null),
  })
  .strict()
  .refine((d) => d.engine !== 'postgres' || d.postgres.url !== null, {
    message: 'database.engine is "postgres" but database.postgres.url is not set',
    path: ['postgres', 'url'],
  });
