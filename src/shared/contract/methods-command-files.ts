import { z } from 'zod';
import { method } from './define';
import { CommandFileNameSchema } from '../dto/commands';
import { FileVersionSchema } from '../dto/command-files';

/** Command-file methods beyond read/write: the editor polls the open file's version. */
export const commandFileMethods = {
  'commands.fileVersion': method(
    z.object({ file: CommandFileNameSchema }).strict(),
    z.object({ version: FileVersionSchema.nullable() }),
    'The current version of a command file on disk (null when it does not exist).',
  ),
} as const;
