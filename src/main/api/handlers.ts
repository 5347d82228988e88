import { randomUUID } from 'node:crypto';
import type { Bot } from '../runtime/bot';
import { PANEL_SESSION } from '../runtime/adapters/console/console-adapter';
import { createCommandFile, deleteCommandFile } from '../runtime/cmdsys/loader/command-files';
import { commandFileHandlers, fileOp } from './command-file-handlers';
import { toCommandDto } from './command-dto';
import { auditHandlers } from './audit-handlers';
import { guildsHandlers } from './guilds-handlers';
import { databaseHandlers } from './database-handlers';
import { rpcHandlers } from './rpc-handlers';
import { guardsHandlers } from './guards-handlers';
import { supervisorHandlers } from './supervisor-handlers';
import { shardsHandlers } from './shards-handlers';
import { panelSessionHandlers } from './panel-session-handlers';
import { runningHandlers } from './running-handlers';
import { audioHandlers } from './audio-handlers';
import { panelAudit } from './panel-audit';
import { formatReloadReport } from '../runtime/cmdsys/internal/internal-commands';
import { configHandlers } from './config-handlers';
import { botControlHandlers } from './bot-control-handlers';
import { consoleToolsHandlers } from './console-tools-handlers';
import { logsHandlers } from './logs-handlers';
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
  // security-relevant panel actions go to the console guild's audit log (actor: the panel)
  const audited = panelAudit(bot);
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
    'commands.reload': async ({ force }) => {
      const report = await commands.reload(force);
      audited('reloadCommands', formatReloadReport(report));
      return report;
    },
    'commands.createFile': ({ file, commandName }) =>
      fileOp(async () => ({ file, content: await createCommandFile(dir, file, commandName) })),
    'commands.deleteFile': ({ file }) =>
      fileOp(async () => {
        await deleteCommandFile(dir, file);
        panelLog.info({ file }, 'command file deleted from the panel');
        audited('commands editor', `deleted command file ${file}`);
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
    'invocations.cancel': ({ id }) => {
      const target = commands.executor.list().find((i) => i.id === id);
      const cancelled = commands.executor.cancel(id, 'cancelled from the panel');
      if (cancelled && target)
        audited('cancel', `cancelled #${id} (${target.command}) of ${target.author} in ${target.channel}`);
      return { cancelled };
    },
    ...databaseHandlers(bot),
    ...rpcHandlers(bot),
    ...guardsHandlers(bot),
    ...supervisorHandlers(),
    ...shardsHandlers(bot),
    ...panelSessionHandlers(),
    ...runningHandlers(bot),
    ...audioHandlers(bot),
    ...auditHandlers(bot),
    ...guildsHandlers(bot),
    ...configHandlers(bot),
    ...logsHandlers(bot),
    ...commandFileHandlers(bot),
    ...botControlHandlers(bot),
    ...consoleToolsHandlers(bot),
  };
}
