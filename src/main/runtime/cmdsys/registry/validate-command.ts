import { Argument } from '../api/arguments';
import type { Command } from '../api/command';
import { CommandLoadError } from '../loader/load-error';

/**
 * What a command name, alias or module name may be: 1–64 characters without whitespace, quotes
 * or backslashes (the tokeniser could not produce such a word). Documented in the README.
 */
export const COMMAND_NAME = /^[^\s'"\\]{1,64}$/;

const ARGUMENT_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

const describe = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object' || typeof value === 'function') return `a ${typeof value}`;
  return `${typeof value} ${String(value)}`;
};

/**
 * Checks everything a command declared in setup(). The first violation is thrown as a
 * CommandLoadError: it becomes that file's load error, never anything wider.
 */
export function validateCommand(command: Command): void {
  const fail = (message: string): never => {
    throw new CommandLoadError(message);
  };
  const { name } = command as { name: unknown };
  if (typeof name !== 'string') fail(`the command name must be a string, got ${describe(name)}`);
  const label = `"${String(name)}"`;
  if (!COMMAND_NAME.test(name as string))
    fail(`invalid command name ${label} (1-64 characters, no spaces, quotes or backslashes)`);
  const { aliases, module, minRank, timeoutMs } = command as unknown as Record<string, unknown>;
  if (!Array.isArray(aliases))
    fail(`aliases of ${label} must be an array of names, got ${describe(aliases)}`);
  for (const alias of aliases as unknown[]) {
    if (typeof alias !== 'string' || !COMMAND_NAME.test(alias))
      fail(
        `invalid alias ${describe(alias)} of ${label} (1-64 characters, no spaces, quotes or backslashes)`,
      );
  }
  if (module !== null && (typeof module !== 'string' || !COMMAND_NAME.test(module)))
    fail(`invalid module name ${describe(module)} of ${label}`);
  if (minRank !== null && (typeof minRank !== 'number' || !Number.isInteger(minRank) || minRank < 1))
    fail(`minRank of ${label} must be an integer ≥ 1 or null, got ${describe(minRank)}`);
  if (timeoutMs !== null && (typeof timeoutMs !== 'number' || !Number.isInteger(timeoutMs) || timeoutMs < 0))
    fail(`timeoutMs of ${label} must be an integer ≥ 0 or null, got ${describe(timeoutMs)}`);
  for (const key of ['desc', 'longDesc', 'lib'] as const) {
    const value = (command as unknown as Record<string, unknown>)[key];
    if (typeof value !== 'string') fail(`${key} of ${label} must be a string, got ${describe(value)}`);
  }
  const args = (command as unknown as { arguments: unknown }).arguments;
  if (!Array.isArray(args)) fail(`arguments of ${label} must be an array, got ${describe(args)}`);
  const seen = new Set<string>();
  for (const arg of args as unknown[]) {
    if (!(arg instanceof Argument))
      fail(
        `arguments of ${label} must be Argument objects (addArgument(new StringArgument(…))), got ${describe(arg)}`,
      );
    const a = arg as Argument;
    if (typeof a.name !== 'string' || !ARGUMENT_NAME.test(a.name))
      fail(`invalid argument name ${describe(a.name)} in ${label}`);
    if (typeof a.optional !== 'boolean')
      fail(`argument "${a.name}" of ${label}: optional must be true or false`);
    if (seen.has(a.name)) fail(`argument "${a.name}" is declared twice in ${label}`);
    seen.add(a.name);
  }
  if (typeof (command as { call?: unknown }).call !== 'function') fail(`${label} has no call() method`);
}
