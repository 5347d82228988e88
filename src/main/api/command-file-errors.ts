import { CommandFileError } from '../runtime/cmdsys/loader/command-files';
import { ApiError } from './router';

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
