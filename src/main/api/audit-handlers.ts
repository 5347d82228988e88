import type { Bot } from '../runtime/bot';
import { AuditError, PANEL_ACTOR } from '../runtime/audit/types';
import { ImageStoreError } from '../runtime/imagelib/image-store';
import { ApiError, type Handlers } from './router';

type AuditHandlers = Pick<
  Handlers,
  'audit.guilds' | 'audit.search' | 'audit.addChannel' | 'audit.removeChannel' | 'audit.record' | 'images.get'
>;

/** A refused audit operation becomes a contract error the panel shows as is. */
async function guarded<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    if (err instanceof AuditError) throw new ApiError({ code: 'BAD_REQUEST', message: err.message });
    throw err;
  }
}

/** The Audit view's methods and the Console view's images. */
export function auditHandlers(bot: Bot): AuditHandlers {
  const audit = bot.audit;
  const byPanel = (command: string) => ({ actor: PANEL_ACTOR, channel: 'panel', command, message: '' });
  return {
    'audit.guilds': async () => ({ guilds: await audit.guilds() }),
    'audit.search': ({ guild, ...query }) => guarded(() => audit.search(guild, query)),
    'audit.addChannel': ({ guild, channel }) =>
      guarded(async () => {
        await audit.addChannel(guild, channel, byPanel('audit view'));
        return audit.guildDto(guild);
      }),
    'audit.removeChannel': ({ guild, channel }) =>
      guarded(async () => {
        await audit.removeChannel(guild, channel, byPanel('audit view'));
        return audit.guildDto(guild);
      }),
    'audit.record': async ({ message }) => {
      const entry = await audit.record({ ...byPanel('note'), message });
      if (!entry)
        throw new ApiError({
          code: 'INTERNAL',
          message: 'the audit entry could not be stored (see the logs)',
        });
      return entry;
    },
    'images.get': async ({ file }) => {
      try {
        const data = await bot.images.read(file);
        return { file, contentType: 'image/png' as const, base64: data.toString('base64') };
      } catch (err) {
        if (err instanceof ImageStoreError)
          throw new ApiError({
            code: err.code === 'bad-name' ? 'BAD_REQUEST' : 'NOT_FOUND',
            message: err.message,
          });
        throw err;
      }
    },
  };
}
