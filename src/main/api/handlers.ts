import { randomUUID } from 'node:crypto';
import type { Bot } from '../runtime/bot';
import { PANEL_SESSION } from '../runtime/adapters/console/console-adapter';
import type { Handlers } from './router';

export interface AppIdentity {
  name: string;
  version: string;
  mode: 'electron' | 'browser';
  electronVersion: string | null;
}

/** The contract implemented over the runtime. Inputs arrive validated. */
export function createHandlers(bot: Bot, app: AppIdentity): Handlers {
  const panelLog = bot.logging.child('panel');
  return {
    'app.info': () => ({
      name: app.name,
      version: app.version,
      mode: app.mode,
      dataDir: bot.dataDir,
      commandsDir: bot.commandsDir,
      configFile: bot.configFile,
      versions: { node: process.versions.node, electron: app.electronVersion },
    }),
    'status.get': () => bot.status(),
    'logs.tail': ({ limit, afterSeq }) => {
      const ring = bot.logging.ring;
      return { entries: ring.tail(limit, afterSeq), lastSeq: ring.lastSeq, capacity: ring.capacity };
    },
    'logs.getLevel': () => ({ level: bot.logging.level() }),
    'logs.setLevel': ({ level }) => {
      bot.setLogLevel(level);
      bot.logger.info({ level }, 'log level changed from the panel');
      return { level: bot.logging.level() };
    },
    'logs.emit': ({ level, msg }) => {
      panelLog[level](msg);
      return { seq: bot.logging.ring.lastSeq };
    },
    'console.exec': ({ line }) => {
      const requestId = randomUUID();
      void bot.console.exec(PANEL_SESSION, line, requestId);
      return { requestId };
    },
  };
}
