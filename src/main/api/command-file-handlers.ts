import type { Bot } from '../runtime/bot';
import { readVersioned, writeCommandFile, fileVersion } from '../runtime/cmdsys/loader/command-files';
import path from 'node:path';
import { FileHistory } from '../runtime/cmdsys/history/file-history';
import type { HistorySource } from '../../shared/dto/command-history';
import { commandHistoryHandlers, type SaveFile } from './command-history-handlers';
import { panelAudit } from './panel-audit';
import { fileOp } from './command-file-errors';
import { ApiError, type CallContext, type Handlers } from './router';

type CommandFileHandlers = Pick<
  Handlers,
  | 'commands.readFile'
  | 'commands.writeFile'
  | 'commands.fileVersion'
  | 'commands.history'
  | 'commands.historyVersion'
  | 'commands.rollback'
>;

/** Which kind of panel made a save, from the transport it came over. */
const sourceOf = (ctx: CallContext): HistorySource =>
  ctx.transport === 'ipc' ? 'panel-desktop' : ctx.transport === 'web' ? 'panel-browser' : 'panel';

export { fileOp } from './command-file-errors';

/**
 * Reading and saving command files from the editor. Saves of one file run one at a time, so the
 * version check and the write cannot interleave with another save from the panel.
 */
export function commandFileHandlers(bot: Bot): CommandFileHandlers {
  const panelLog = bot.logging.child('panel');
  const { commands } = bot;
  const dir = bot.commandsDir;
  const queues = new Map<string, Promise<unknown>>();
  const serial = <T>(file: string, op: () => Promise<T>): Promise<T> => {
    const run = (queues.get(file) ?? Promise.resolve()).then(op, op);
    const tail = run.catch(() => undefined);
    queues.set(file, tail);
    void tail.then(() => {
      if (queues.get(file) === tail) queues.delete(file);
    });
    return run;
  };

  const history = new FileHistory(path.join(bot.dataDir, 'command-history'));
  /** Keeps a version in the history; a failure is logged, never fails the save itself. */
  const remember = async (file: string, content: string, source: HistorySource, restoredFrom?: string) => {
    try {
      return await history.record(file, content, source, { restoredFrom });
    } catch (err) {
      panelLog.warn({ err, file }, 'the saved version could not be added to the file history');
      return null;
    }
  };

  const save: SaveFile = async (file, content, { reload, baseVersion, source, restoredFrom }) => {
    const disk = await readVersioned(dir, file);
    if (baseVersion && (!disk || disk.version.hash !== baseVersion.hash)) {
      panelLog.warn({ file }, 'save refused: the file changed on disk since it was opened');
      return { report: null, version: null, conflict: { disk }, entry: null };
    }
    // a version written outside the panel (another editor, before the first save) is kept too
    if (disk && (await history.list(file).catch(() => []))[0]?.hash !== disk.version.hash)
      await remember(file, disk.content, 'disk');
    await writeCommandFile(dir, file, content);
    const saved = await readVersioned(dir, file);
    const entry = await remember(file, content, source, restoredFrom);
    panelLog.info({ file, bytes: Buffer.byteLength(content), source }, 'command file saved from the panel');
    panelAudit(bot)(
      'commands editor',
      `${restoredFrom ? `rolled back command file ${file} to ${restoredFrom}` : `saved command file ${file}`}${reload ? ' and reloaded' : ''}`,
    );
    return {
      report: reload ? await commands.reload() : null,
      version: saved?.version ?? fileVersion(content, Date.now()),
      conflict: null,
      entry,
    };
  };

  return {
    'commands.readFile': ({ file }) =>
      fileOp(async () => {
        const found = await readVersioned(dir, file);
        if (!found) throw new ApiError({ code: 'NOT_FOUND', message: `no command file "${file}"` });
        return { file, ...found };
      }),
    'commands.fileVersion': ({ file }) =>
      fileOp(async () => ({ version: (await readVersioned(dir, file))?.version ?? null })),
    'commands.writeFile': ({ file, content, reload, baseVersion }, ctx) =>
      fileOp(async () => {
        const saved = await serial(file, () =>
          save(file, content, { reload, baseVersion, source: sourceOf(ctx) }),
        );
        return { report: saved.report, version: saved.version, conflict: saved.conflict };
      }),
    ...commandHistoryHandlers({ history, serial, save }),
  };
}
