import { ApiCallError } from '../../shared/contract';

/** One line for the operator: the contract message, plus the error id to find the log line. */
export function describeError(err: unknown): string {
  if (err instanceof ApiCallError) return err.errorId ? `${err.message} [${err.errorId}]` : err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}
