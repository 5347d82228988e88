import { randomUUID } from 'node:crypto';
import type { Bot } from '../runtime/bot';
import { PANEL_SESSION } from '../runtime/adapters/console/console-adapter';
import { createCommandFile, deleteCommandFile } from '../runtime/cmdsys/loader/command-files';
import { commandFileHandlers, fileOp } from './command-file-handlers';
import { toCommandDto } from './command-dto';
import { databaseHandlers } from './database-handlers';
import { rpcHandlers } from './rpc-handlers';
import { configHandlers } from './config-handlers';
import { ApiError, type Handlers } from './router';

export interface AppIdentity {
  name: string;
  version: string;
  mode: 'electron' | 'browser';
  electronVersion: string | null;
}

/** The contract implemented over the runtime. Inputs arrive validated. */
export function createHandlers(bot: Bot, app: AppIdentity): Handlers {
  const panelLog = bot.logging.child('panel');
  const { commands } = bot;
  const dir = bot.commandsDir;
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
    'commands.list': () => ({
      commands: commands.registry.list().map(toCommandDto),
      files: commands.loader.files(),
      lastReload: commands.lastReloadReport,
      commandsDir: dir,
    }),
    'commands.reload': ({ force }) => commands.reload(force),
    'commands.createFile': ({ file, commandName }) =>
      fileOp(async () => ({ file, content: await createCommandFile(dir, file, commandName) })),
    'commands.deleteFile': ({ file }) =>
      fileOp(async () => {
        await deleteCommandFile(dir, file);
        panelLog.info({ file }, 'command file deleted from the panel');
        return { report: await commands.reload() };
      }),
    'adapters.connect': async ({ id }) => {
      const adapter = bot.adapter(id);
      if (!adapter) throw new ApiError({ code: 'NOT_FOUND', message: `no adapter "${id}"` });
      await adapter.start();
      return bot.status();
    },
    'adapters.disconnect': async ({ id }) => {
      const adapter = bot.adapter(id);
      if (!adapter) throw new ApiError({ code: 'NOT_FOUND', message: `no adapter "${id}"` });
      if (adapter.network === 'console')
        throw new ApiError({ code: 'CONFLICT', message: 'the console adapter cannot be disconnected' });
      await adapter.stop();
      return bot.status();
    },
    'invocations.list': () => ({ invocations: commands.executor.list() }),
    'pipeline.traces': ({ limit }) => ({ traces: bot.pipeline.recentTraces(limit) }),
    'invocations.cancel': ({ id }) => ({
      cancelled: commands.executor.cancel(id, 'cancelled from the panel'),
    }),
    ...databaseHandlers(bot),
    ...rpcHandlers(bot),
    ...configHandlers(bot),
    ...commandFileHandlers(bot),
  };
}
