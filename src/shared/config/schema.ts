import { z } from 'zod';
import {
  DiscordCacheConfigSchema,
  DiscordShardCountSchema,
  DiscordShardsPerClusterSchema,
  ShardingConfigSchema,
} from './sharding-schema';
import { DatabaseConfigSchema } from './database-schema';
import { LogLevelSchema } from '../dto/log';
import { RpcConfigSchema } from './rpc-schema';
import { GuardsConfigSchema } from './guards-schema';
import { RuntimeConfigSchema } from './runtime-schema';
import { AudioConfigSchema } from './audio-schema';
import { AuditConfigSchema } from './audit-schema';
import { DiscordCommandsConfigSchema } from './slash-schema';
import { DiscordPresenceConfigSchema } from './presence-schema';

/**
 * The bot's configuration (what it needs to run). Data the bot produces lives in the
 * database, never here. Unknown keys are errors: a typo must not be silently ignored.
 * `prefault({})` makes a missing section take its inner defaults.
 */
const Bucket = z
  .object({
    burst: z.number().int().min(1).max(100_000),
    perSecond: z.number().positive().max(100_000),
  })
  .strict();

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
        /** Bytes (estimated) the panel's log ring may hold; the oldest entries go first past it. */
        ringBytes: z.number().int().min(1_048_576).max(4_294_967_296).default(67_108_864),
        /**
         * Log files kept in `<dataDir>/logs` (one per day, a new one past `fileMaxMb`); 0 writes
         * none. Read at start.
         */
        filesKept: z.number().int().min(0).max(3650).default(14),
        fileMaxMb: z.number().int().min(1).max(10_000).default(50),
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
    pipeline: z
      .object({
        /** Prefixes that address the bot in a channel (`+help`). */
        triggers: z.array(z.string().min(1).max(16)).min(1).default(['+']),
        /** Also accept `botname, help` / `botname: help` / `botname help` (and a mention of the bot). */
        nameAddressing: z.boolean().default(true),
        /** Remove a trigger from private messages too (the seed keeps `&help` in a PM as is). */
        stripTriggerInPrivate: z.boolean().default(false),
        /** Longer messages are dropped (logged, no reply). */
        maxLength: z.number().int().min(16).max(100_000).default(2_000),
        /** String middleware, in order. */
        stringMiddleware: z.array(z.string().min(1)).default(['aliases', 'badwords', 'ratelimit']),
        /** Message middleware (after tokenising), in order. */
        messageMiddleware: z.array(z.string().min(1)).default(['fixer', 'security', 'moduleRateLimit']),
        /** Whether "unknown command" is answered: everywhere, in private only (default), or never. */
        unknownCommandReply: z.enum(['always', 'private', 'never']).default('private'),
        /** Pipeline traces kept for the panel. */
        traceSize: z.number().int().min(10).max(10_000).default(500),
      })
      .strict()
      .prefault({}),
    aliases: z
      .array(
        z
          .object({
            /** Words, with `{name}` capturing one word; the last placeholder captures the rest. */
            pattern: z.string().min(1).max(500),
            /** Command text; placeholders are substituted with safe quoting. */
            replacement: z.string().min(1).max(2_000),
          })
          .strict(),
      )
      .default([{ pattern: 'remember {key} is {rest}', replacement: "factoid add {key} '{key} is {rest}'" }]),
    badWords: z
      .object({
        words: z.array(z.string().min(1).max(100)).default([]),
        /** mask: replace with asterisks; remove: drop the word; abort: drop the message. */
        mode: z.enum(['mask', 'remove', 'abort']).default('mask'),
      })
      .strict()
      .prefault({}),
    rateLimit: z
      .object({
        /** Token buckets: `burst` messages at once, refilled at `perSecond`. */
        user: Bucket.prefault({ burst: 5, perSecond: 1 }),
        channel: Bucket.prefault({ burst: 10, perSecond: 2 }),
        global: Bucket.prefault({ burst: 30, perSecond: 10 }),
        /** Commands running at once across the bot; more are refused. */
        maxInFlight: z.number().int().min(1).max(10_000).default(20),
        /** A user refused this many times within `windowMs` is ignored for `ignoreMs` (told once). */
        flood: z
          .object({
            strikes: z.number().int().min(1).max(1000).default(3),
            windowMs: z.number().int().min(100).max(3_600_000).default(10_000),
            ignoreMs: z.number().int().min(100).max(86_400_000).default(60_000),
          })
          .strict()
          .prefault({}),
        /** Users of this rank or better are never limited (1 = owners only). */
        exemptRank: z.number().int().min(0).max(1000).default(1),
        /** Per command/module limits per user, e.g. `{ "quiz": { "burst": 1, "perSecond": 0.1 } }`. */
        modules: z.record(z.string(), Bucket).default({}),
      })
      .strict()
      .prefault({}),
    discord: z
      .object({
        /** Bot token (secret: never logged, never sent to the panel). Also DISCORD_TOKEN or --discord-token. */
        token: z.string().min(1).nullable().default(null),
        /**
         * REST base URL override (a REST proxy such as nirn-proxy, or a test server); http(s) only.
         * Changing it clears the stored token (a secret stays with the endpoint it was entered for).
         */
        api: z
          .url({ protocol: /^https?$/, error: 'an http:// or https:// URL' })
          .nullable()
          .default(null),
        /**
         * Requests per second across all routes (Discord's global REST limit): 50 for most bots;
         * Discord raises it for large bots on request. discord.js waits before going over it.
         */
        globalRequestsPerSecond: z.number().int().min(1).max(10_000).default(50),
        /** Request the privileged Guild Members intent (needed for complete member lists). */
        membersIntent: z.boolean().default(false),
        /** Request the privileged Message Content intent (prefix commands in guilds need it). */
        messageContentIntent: z.boolean().default(true),
        /** Rank of members with the Administrator permission. */
        adminRank: z.number().int().min(1).max(1000).default(2),
        /** Rank of members with the Manage Guild permission. */
        manageGuildRank: z.number().int().min(1).max(1000).default(3),
        /** Slash commands (see slash-schema.ts). */
        commands: DiscordCommandsConfigSchema,
        /** Status and activity (see presence-schema.ts). */
        presence: DiscordPresenceConfigSchema,
        /** Shards: a count or "auto" (Discord's recommendation); see sharding-schema.ts. */
        shards: DiscordShardCountSchema,
        /** Shards held by one runtime process (cluster). */
        shardsPerCluster: DiscordShardsPerClusterSchema,
        /** Bounds on discord.js's caches. */
        cache: DiscordCacheConfigSchema,
      })
      .strict()
      .prefault({}),
    irc: z
      .object({
        servers: z
          .array(
            z
              .object({
                host: z.string().min(1),
                port: z.number().int().min(1).max(65_535).default(6667),
                tls: z.boolean().default(false),
                nick: z.string().min(1).max(30).default('bot'),
                username: z.string().min(1).max(30).nullable().default(null),
                realname: z.string().min(1).max(100).default('ProtOS bot'),
                /** Server password (secret). */
                password: z.string().min(1).nullable().default(null),
                /** SASL PLAIN credentials (the password is a secret). */
                sasl: z
                  .object({ account: z.string().min(1), password: z.string().min(1) })
                  .strict()
                  .nullable()
                  .default(null),
                channels: z
                  // eslint-disable-next-line no-control-regex -- BEL is not allowed in IRC channel names
                  .array(z.string().regex(/^[#&!+][^\s,\x07]{1,49}$/, 'a channel like #name'))
                  .default([]),
                /**
                 * Outgoing flood control: `burst` lines at once, then `perSecond`. Up to 1000 per
                 * second for private servers and bouncers; above the default (what public networks
                 * tolerate) the adapter warns.
                 */
                send: z
                  .object({
                    burst: z.number().int().min(1).max(100).default(4),
                    perSecond: z.number().positive().max(1000).default(1),
                  })
                  .strict()
                  .prefault({}),
                /** Rank of channel operators (@) and voiced users (+). */
                opRank: z.number().int().min(1).max(1000).default(2),
                voiceRank: z.number().int().min(1).max(1000).default(4),
              })
              .strict(),
          )
          .default([]),
      })
      .strict()
      .prefault({}),
    guards: GuardsConfigSchema,
    database: DatabaseConfigSchema.prefault({}),
    panel: z
      .object({
        /** Browser-mode port on 127.0.0.1; 0 picks a free one. */
        port: z.number().int().min(0).max(65_535).default(0),
      })
      .strict()
      .prefault({}),
    rpc: RpcConfigSchema,
    runtime: RuntimeConfigSchema,
    audio: AudioConfigSchema,
    audit: AuditConfigSchema,
    /** Several hosts sharing one bot over PostgreSQL (see sharding-schema.ts). */
    sharding: ShardingConfigSchema,
  })
  .strict();

export type Config = z.output<typeof ConfigSchema>;
/** A config file may omit anything that has a default. */
export type ConfigInput = z.input<typeof ConfigSchema>;

/**
 * Config keys whose values are secrets: never logged, never sent to the panel in clear (the
 * panel sees whether they are set). `*` stands for any array index.
 */
export const SECRET_PATHS = [
  'discord.token',
  'irc.servers.*.password',
  'irc.servers.*.sasl.password',
  'database.postgres.url',
] as const;

export function defaultConfig(): Config {
  return ConfigSchema.parse({});
}
