import { randomUUID } from 'node:crypto';
import type { Bot } from '../runtime/bot';
import { PANEL_SESSION } from '../runtime/adapters/console/console-adapter';
import { completeLine } from '../runtime/cmdsys/registry/completion';
import type { Handlers } from './router';

/** The panel console's Tab completion and "send as a new command". */
export function consoleToolsHandlers(bot: Bot): Pick<Handlers, 'console.complete' | 'console.execCommand'> {
  return {
    'console.complete': ({ line }) =>
      completeLine(bot.commands.registry.list(), line, () => {
        const users = new Set<string>();
        const channels = new Set<string>();
        for (const adapter of bot.adapterList()) {
          const names = adapter.knownNames?.();
          names?.users.forEach((u) => users.add(u));
          names?.channels.forEach((c) => channels.add(c));
        }
        return { users: [...users], channels: [...channels] };
      }),
    'console.execCommand': ({ line }) => {
      const requestId = randomUUID();
      void bot.console.exec(PANEL_SESSION, line, requestId, 1, { asCommand: true });
      return { requestId };
    },
  };
}
