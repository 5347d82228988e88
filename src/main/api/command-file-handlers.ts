import type { Bot } from '../runtime/bot';
import {
  CommandFileError,
  readVersioned,
  writeCommandFile,
  fileVersion,
} from '../runtime/cmdsys/loader/command-files';
import { panelAudit } from './panel-audit';
import { ApiError, type Handlers } from './router';

type CommandFileHandlers = Pick<
  Handlers,
  'commands.readFile' | 'commands.writeFile' | 'commands.fileVersion'
>;

const FILE_ERROR_CODE = {
  'invalid-name': 'BAD_REQUEST',
  'not-found': 'NOT_FOUND',
  exists: 'CONFLICT',
  outside: 'FORBIDDEN',
} as const;

/** Runs a command-file operation, turning its expected failures into contract errors. */
export async function fileOp<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    if (err instanceof CommandFileError)
      throw new ApiError({ code: FILE_ERROR_CODE[err.code], message: err.message });
    throw err;
  }
}

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

  return {
    'commands.readFile': ({ file }) =>
      fileOp(async () => {
        const found = await readVersioned(dir, file);
        if (!found) throw new ApiError({ code: 'NOT_FOUND', message: `no command file "${file}"` });
        return { file, ...found };
      }),
    'commands.fileVersion': ({ file }) =>
      fileOp(async () => ({ version: (await readVersioned(dir, file))?.version ?? null })),
    'commands.writeFile': ({ file, content, reload, baseVersion }) =>
      fileOp(() =>
        serial(file, async () => {
          if (baseVersion) {
            const disk = await readVersioned(dir, file);
            if (!disk || disk.version.hash !== baseVersion.hash) {
              panelLog.warn({ file }, 'save refused: the file changed on disk since it was opened');
              return { report: null, version: null, conflict: { disk } };
            }
          }
          await writeCommandFile(dir, file, content);
          const saved = await readVersioned(dir, file);
          panelLog.info({ file, bytes: Buffer.byteLength(content) }, 'command file saved from the panel');
          panelAudit(bot)('commands editor', `saved command file ${file}${reload ? ' and reloaded' : ''}`);
          return {
            report: reload ? await commands.reload() : null,
            version: saved?.version ?? fileVersion(content, Date.now()),
            conflict: null,
          };
        }),
      ),
  };
}
