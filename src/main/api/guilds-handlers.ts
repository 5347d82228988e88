import type { Bot } from '../runtime/bot';
import { CONSOLE_DB, GLOBAL_DB } from '../runtime/database/database-manager';
import { ApiError, type Handlers } from './router';

type GuildsHandlers = Pick<Handlers, 'guilds.settings'>;

/** A guild database: not the global one, the console's or a network's private messages. */
function isGuildDb(id: string): boolean {
  return id !== GLOBAL_DB && id !== CONSOLE_DB && !id.endsWith('-private');
}

/** Per-guild settings for the panel, read from the guild databases that exist (never created). */
export function guildsHandlers(bot: Bot): GuildsHandlers {
  return {
    'guilds.settings': async ({ db }) => {
      const known = await bot.database.list();
      if (!known.some((d) => d.id === db))
        throw new ApiError({ code: 'NOT_FOUND', message: `no database "${db}"` });
      const guild = isGuildDb(db);
      return {
        db,
        guild,
        prefix: guild ? await bot.prefixes.stored(db) : null,
        defaultTriggers: [...bot.config.all().pipeline.triggers],
      };
    },
  };
}
