import path from 'node:path';
import { Bot, type BotOptions } from '../../src/main/runtime/bot';
import { createApi, type Api } from '../../src/main/api/api';

export const TEST_APP = {
  name: 'ProtOS Panel',
  version: '0.0.0-test',
  mode: 'browser',
  electronVersion: null,
} as const;

/** A started bot on a fresh data dir with logs kept in memory only. */
export async function startTestBot(dataDir: string, options: Partial<BotOptions> = {}): Promise<Bot> {
  const bot = await Bot.create({
    dataDir,
    commandsDir: options.commandsDir ?? path.join(dataDir, 'commands'),
    logConsole: false,
    ...options,
  });
  await bot.start();
  return bot;
}

export function testApi(bot: Bot, batchMs = 16): Api {
  return createApi(bot, { app: TEST_APP, batchMs, validateOutput: true, statusIntervalMs: 60_000 });
}
