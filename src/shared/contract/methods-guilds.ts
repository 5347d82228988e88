import { z } from 'zod';
import { method } from './define';
import { DatabaseIdSchema } from '../dto/database';
import { GuildSettingsSchema } from '../dto/guilds';

/** Per-guild settings shown in the panel (the Database view's sidebar). */
export const guildsMethods = {
  'guilds.settings': method(
    z.object({ db: DatabaseIdSchema }).strict(),
    GuildSettingsSchema,
    "A guild's own settings from its database (its command prefix); NOT_FOUND for an unknown database.",
  ),
};
