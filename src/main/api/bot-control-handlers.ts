import type { Bot } from '../runtime/bot';
import { ApiError, type Handlers } from './router';

type BotControl = Pick<
  Handlers,
  'bot.stopAdapters' | 'bot.startAdapters' | 'supervisor.restart' | 'metrics.get'
>;

/**
 * Panel start/stop of the bot's networks and the Status view's time series. `supervisor.restart`
 * is answered by the supervisor; the runtime sees it only when it runs unsupervised.
 */
export function botControlHandlers(bot: Bot): BotControl {
  const networks = () => bot.adapterList().filter((a) => a.network !== 'console');
  const each = async (verb: 'start' | 'stop'): Promise<void> => {
    const failures: string[] = [];
    // one adapter failing does not keep the others from their change
    await Promise.all(
      networks().map(async (adapter) => {
        const state = adapter.status().state;
        if (verb === 'start' ? state !== 'stopped' && state !== 'error' : state === 'stopped') return;
        try {
          await adapter[verb]();
        } catch (err) {
          failures.push(`${adapter.id}: ${(err as Error).message}`);
        }
      }),
    );
    bot.logger.info(
      { failures },
      `network adapters ${verb === 'start' ? 'started' : 'stopped'} from the panel`,
    );
    if (failures.length > 0)
      throw new ApiError({ code: 'UNAVAILABLE', message: `could not ${verb}: ${failures.join('; ')}` });
  };
  return {
    'bot.stopAdapters': async () => {
      await each('stop');
      return bot.status();
    },
    'bot.startAdapters': async () => {
      await each('start');
      return bot.status();
    },
    'supervisor.restart': () => {
      throw new ApiError({
        code: 'UNAVAILABLE',
        message: 'this runtime runs without a supervisor; restart its process yourself',
      });
    },
    'metrics.get': () => bot.metrics.window(),
  };
}
