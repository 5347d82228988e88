import type { Argument } from '../api/arguments';
import { IllegalArgument } from '../api/errors';
import type { ArgumentResolver } from '../api/refs';

/**
 * Converts argument words into the object `call` receives. Excess words merge into the last
 * argument (there is no such thing as too many arguments); a missing required argument or a
 * failed conversion throws IllegalArgument.
 */
export function parseArguments(
  defs: readonly Argument[],
  words: string[],
  resolver: ArgumentResolver,
): Record<string, unknown> | Promise<Record<string, unknown>> {
  const values: Record<string, unknown> = {};
  if (defs.length === 0) return values;
  const merged =
    words.length > defs.length
      ? [...words.slice(0, defs.length - 1), words.slice(defs.length - 1).join(' ')]
      : words;
  // Conversions are synchronous except for adapter lookups (users, channels): stay synchronous
  // until one of them returns a promise, then finish asynchronously.
  for (let i = 0; i < defs.length; i++) {
    const def = defs[i]!;
    const raw = merged[i];
    if (raw === undefined) {
      if (def.optional) continue;
      throw new IllegalArgument(`missing argument <${def.name}>`);
    }
    let value: unknown;
    try {
      value = def.convert(raw, resolver);
    } catch (err) {
      throw asIllegal(def, err);
    }
    if (value instanceof Promise) return finishAsync(defs, merged, resolver, values, i, value);
    values[def.name] = value;
  }
  return values;
}

function asIllegal(def: Argument, err: unknown): IllegalArgument {
  return err instanceof IllegalArgument ? err : new IllegalArgument(`${def.name}: ${(err as Error).message}`);
}

async function finishAsync(
  defs: readonly Argument[],
  merged: string[],
  resolver: ArgumentResolver,
  values: Record<string, unknown>,
  from: number,
  pending: Promise<unknown>,
): Promise<Record<string, unknown>> {
  for (let i = from; i < defs.length; i++) {
    const def = defs[i]!;
    const raw = merged[i];
    if (raw === undefined) {
      if (def.optional) continue;
      throw new IllegalArgument(`missing argument <${def.name}>`);
    }
    try {
      values[def.name] = await (i === from ? pending : def.convert(raw, resolver));
    } catch (err) {
      throw asIllegal(def, err);
    }
  }
  return values;
}
