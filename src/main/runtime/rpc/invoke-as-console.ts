import { randomUUID } from 'node:crypto';
import type { ConsoleAdapter } from '../adapters/console/console-adapter';

/** The console session RPC-invoked command lines run in (the panel's Console shows them). */
export const RPC_SESSION = 'rpc';

/** Runs a command line on the console's `rpc` session at `rank`; resolves with what it answered. */
export async function invokeAsConsole(
  console: ConsoleAdapter,
  line: string,
  rank: number,
): Promise<string[]> {
  const requestId = `rpc-${randomUUID()}`;
  const responses: string[] = [];
  const off = console.onOutput((out) => {
    if (out.requestId === requestId && (out.kind === 'response' || out.kind === 'error'))
      responses.push(out.text);
  });
  try {
    await console.exec(RPC_SESSION, line, requestId, rank);
  } finally {
    off();
  }
  return responses;
}
