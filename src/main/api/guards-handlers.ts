import type { Bot } from '../runtime/bot';
import { ApiError, type Handlers } from './router';

type GuardsHandlers = Pick<Handlers, 'commands.liftQuarantine'>;

/** The contract's command-guard methods over the runtime. */
export function guardsHandlers(bot: Bot): GuardsHandlers {
  return {
    'commands.liftQuarantine': async ({ file }) => {
      const status = bot.commands.loader.files().find((f) => f.file === file);
      if (!status || status.state !== 'quarantined')
        throw new ApiError({ code: 'NOT_FOUND', message: `${file} is not quarantined` });
      bot.logging.child('panel').info({ file }, 'quarantine lifted from the panel');
      return bot.commands.liftQuarantine(file);
    },
  };
}
