import type { Bot } from '../runtime/bot';
import { logDirOf } from '../runtime/logging/log-file';
import { exportLogs } from '../runtime/logging/log-export';
import { readHistory, type HistorySource } from '../runtime/logging/log-history';
import type { Handlers } from './router';

type LogsHandlers = Pick<Handlers, 'logs.history' | 'logs.export'>;

/** Older log history (ring, then the rolling files) and exports of a filter. */
export function logsHandlers(bot: Bot): LogsHandlers {
  const source = (): HistorySource => ({ ring: bot.logging.ring, logDir: logDirOf(bot.dataDir) });
  return {
    'logs.history': ({ before, limit, match }) => readHistory(source(), { before, limit, match }),
    'logs.export': ({ format, match, limit }) => exportLogs(source(), { format, match, limit }),
  };
}
