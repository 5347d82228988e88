import type { Bot } from '../runtime/bot';
import type { Handlers } from './router';

/** The Running view's history of invocations that ended. */
export function runningHandlers(bot: Bot): Pick<Handlers, 'invocations.history'> {
  return {
    'invocations.history': ({ limit }) => ({ invocations: bot.commands.executor.history.list(limit) }),
  };
}
