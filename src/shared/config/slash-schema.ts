import { z } from 'zod';

/** `discord.commands`: slash commands derived from the bot's commands. */
export const DiscordCommandsConfigSchema = z
  .object({
    /** Register every command as a Discord application (slash) command and answer them. */
    enabled: z.boolean().default(true),
    /** `global` (every guild and DMs; Discord may take a while to show changes) or `guilds`. */
    scope: z.enum(['global', 'guilds']).default('global'),
    /** Guild ids for scope `guilds`; empty means every guild the bot is in. */
    guilds: z.array(z.string().regex(/^\d{1,20}$/, 'a Discord guild id (digits)')).default([]),
    /** A slash command still running after this long is deferred ("thinking…"); Discord allows 3 s. */
    deferAfterMs: z.number().int().min(100).max(2_900).default(2_000),
  })
  .strict()
  .prefault({});
