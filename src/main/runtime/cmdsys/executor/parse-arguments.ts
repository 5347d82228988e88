import type { Argument } from '../api/arguments';
import { IllegalArgument } from '../api/errors';
import type { ArgumentResolver } from '../api/refs';

/**
 * Converts argument words into the object `call` receives. Excess words merge into the last
 * argument (there is no such thing as too many arguments); a missing required argument or a
 * failed conversion throws IllegalArgument.
 */
export async function parseArguments(
  defs: readonly Argument[],
  words: string[],
  resolver: ArgumentResolver,
): Promise<Record<string, unknown>> {
  const values: Record<string, unknown> = {};
  if (defs.length === 0) return values;
  const merged =
    words.length > defs.length
      ? [...words.slice(0, defs.length - 1), words.slice(defs.length - 1).join(' ')]
      : words;
  for (let i = 0; i < defs.length; i++) {
    const def = defs[i]!;
    const raw = merged[i];
    if (raw === undefined) {
      if (def.optional) continue;
      throw new IllegalArgument(`missing argument <${def.name}>`);
    }
    try {
      values[def.name] = await def.convert(raw, resolver);
    } catch (err) {
      if (err instanceof IllegalArgument) throw err;
      throw new IllegalArgument(`${def.name}: ${(err as Error).message}`);
    }
  }
  return values;
}
