import type { Bot } from '../runtime/bot';
import { ApiError, type Handlers } from './router';

/**
 * `shards.*` when the runtime runs without a supervisor (in-process tests, tools): one cluster,
 * this process. Under the supervisor these methods never reach the runtime.
 */
export function shardsHandlers(bot: Bot): Pick<Handlers, 'shards.status' | 'shards.restartCluster'> {
  return {
    'shards.status': () => {
      const a = bot.sharding.assignment;
      const status = bot.status();
      return {
        shardCount: a.shardCount,
        shardsPerCluster: Math.max(1, a.shardIds.length),
        hostId: null,
        clusters: [
          {
            clusterId: a.clusterId,
            shardIds: [...a.shardIds],
            host: null,
            where: 'local',
            state: 'running',
            pid: status.pid,
            restarts: 0,
            message: null,
            figures: bot.sharding.figures(0),
            figuresAt: new Date().toISOString(),
          },
        ],
        lastReshard: null,
      };
    },
    'shards.restartCluster': () => {
      throw new ApiError({
        code: 'UNAVAILABLE',
        message: 'the runtime runs without a supervisor: there is no cluster process to restart',
      });
    },
  };
}
