import { z } from 'zod';
import { LogLevelSchema } from '../../../shared/dto/log';

/**
 * The bot's configuration (what it needs to run). Data the bot produces lives in the
 * database, never here. Unknown keys are errors: a typo must not be silently ignored.
 * `prefault({})` makes a missing section take its inner defaults.
 */
export const ConfigSchema = z
  .object({
    bot: z
      .object({
        /** Name used for addressing in channels (`bot, help`). Adapters may report the real nick. */
        name: z.string().min(1).max(64).default('bot'),
      })
      .strict()
      .prefault({}),
    logging: z
      .object({
        level: LogLevelSchema.default('info'),
        /** Entries kept in memory for the panel's Logs view. */
        ringSize: z.number().int().min(100).max(1_000_000).default(50_000),
      })
      .strict()
      .prefault({}),
    debug: z
      .object({
        /** Send stack traces of failing commands to chat, to owner-rank users only. */
        showCommandErrors: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    commands: z
      .object({
        /** Reload command files automatically when they change on disk. */
        autoReload: z.boolean().default(false),
        /** Default per-invocation timeout; a command may declare its own. */
        timeoutMs: z.number().int().min(100).max(86_400_000).default(60_000),
        /** How long each clean-up handler may take at shutdown. */
        cleanupTimeoutMs: z.number().int().min(10).max(600_000).default(5_000),
      })
      .strict()
      .prefault({}),
    ranks: z
      .object({
        /** Rank of a chat user no other rule matches (1 is the highest). */
        default: z.number().int().min(1).max(1000).default(10),
        /** Owner identities (rank 1): Discord user ids, IRC nick!user@host masks. */
        owners: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .prefault({}),
    panel: z
      .object({
        /** Browser-mode port on 127.0.0.1; 0 picks a free one. */
        port: z.number().int().min(0).max(65_535).default(0),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type Config = z.output<typeof ConfigSchema>;
/** A config file may omit anything that has a default. */
export type ConfigInput = z.input<typeof ConfigSchema>;

export function defaultConfig(): Config {
  return ConfigSchema.parse({});
}
