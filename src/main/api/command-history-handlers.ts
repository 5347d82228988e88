import type { FileConflict, FileVersion } from '../../shared/dto/command-files';
import type { HistoryEntry, HistorySource } from '../../shared/dto/command-history';
import type { ReloadReportDto } from '../../shared/dto/commands';
import { HistoryError, type FileHistory } from '../runtime/cmdsys/history/file-history';
import { fileOp } from './command-file-errors';
import { ApiError, type Handlers } from './router';

/** A save of a command file as the editor makes it (conflict check, write, history, reload). */
export type SaveFile = (
  file: string,
  content: string,
  options: { reload: boolean; baseVersion?: FileVersion; source: HistorySource; restoredFrom?: string },
) => Promise<{
  report: ReloadReportDto | null;
  version: FileVersion | null;
  conflict: FileConflict | null;
  entry: HistoryEntry | null;
}>;

type HistoryHandlers = Pick<Handlers, 'commands.history' | 'commands.historyVersion' | 'commands.rollback'>;

/** Runs a history operation, turning its expected failures into contract errors. */
async function historyOp<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await fileOp(op);
  } catch (err) {
    if (err instanceof HistoryError)
      throw new ApiError({ code: err.code === 'not-found' ? 'NOT_FOUND' : 'INTERNAL', message: err.message });
    throw err;
  }
}

/**
 * Listing, reading and restoring saved versions. A rollback is a save of the old content (it
 * becomes the newest version, the versions after it stay listed) followed by a reload.
 */
export function commandHistoryHandlers(deps: {
  history: FileHistory;
  serial: <T>(file: string, op: () => Promise<T>) => Promise<T>;
  save: SaveFile;
}): HistoryHandlers {
  const { history, serial, save } = deps;
  return {
    'commands.history': ({ file }) => historyOp(async () => ({ versions: await history.list(file) })),
    'commands.historyVersion': ({ file, id }) => historyOp(() => history.read(file, id)),
    'commands.rollback': ({ file, id, baseVersion }) =>
      historyOp(() =>
        serial(file, async () => {
          const { content } = await history.read(file, id);
          return save(file, content, { reload: true, baseVersion, source: 'rollback', restoredFrom: id });
        }),
      ),
  };
}
