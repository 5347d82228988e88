import type { Bot } from '../runtime/bot';
import { panelAudit } from './panel-audit';
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
      panelAudit(bot)(
        'quarantine',
        `lifted the quarantine of ${file} (${status.quarantine?.reason ?? 'unknown'})`,
      );
      return bot.commands.liftQuarantine(file);
    },
  };
}
