import type { Argument } from '../api/arguments';
import { IllegalArgument } from '../api/errors';
import type { ArgumentResolver } from '../api/refs';

type Values = Record<string, unknown>;

/**
 * Converts argument words into the object `call` receives.
 *
 * - Words are taken in order; the last argument takes every word left (there is no such thing
 *   as too many arguments).
 * - An optional argument that is not the last and whose word does not convert (an
 *   IllegalArgument) leaves the word for the next argument and gets its default, as in
 *   akairo/Sapphire: `[count:int] <text>` reads `hello` as the text.
 * - An omitted argument gets its default (or stays absent); a missing required argument or a
 *   failed conversion that cannot move on throws IllegalArgument.
 *
 * Conversions are synchronous except for adapter lookups (users, channels): the result stays
 * synchronous until one of them returns a promise, then the rest finishes asynchronously.
 */
export function parseArguments(
  defs: readonly Argument[],
  words: string[],
  resolver: ArgumentResolver,
): Values | Promise<Values> {
  return parseFrom(defs, words, resolver, {}, 0, 0);
}

function parseFrom(
  defs: readonly Argument[],
  words: string[],
  resolver: ArgumentResolver,
  values: Values,
  from: number,
  wordAt: number,
): Values | Promise<Values> {
  let w = wordAt;
  for (let i = from; i < defs.length; i++) {
    const def = defs[i]!;
    const last = i === defs.length - 1;
    if (w >= words.length) {
      if (!def.optional) throw new IllegalArgument(`missing argument <${def.name}>`);
      omit(def, values);
      continue;
    }
    const raw = last ? words.slice(w).join(' ') : words[w]!;
    const next = last ? words.length : w + 1;
    let value: unknown;
    try {
      value = def.convert(raw, resolver);
    } catch (err) {
      if (!movesOn(def, last, err)) throw asIllegal(def, err);
      omit(def, values);
      continue;
    }
    if (value instanceof Promise) {
      const at = i;
      const stay = w;
      return value.then(
        (converted: unknown) => {
          values[def.name] = converted;
          return parseFrom(defs, words, resolver, values, at + 1, next);
        },
        (err: unknown) => {
          if (!movesOn(def, last, err)) throw asIllegal(def, err);
          omit(def, values);
          return parseFrom(defs, words, resolver, values, at + 1, stay);
        },
      );
    }
    values[def.name] = value;
    w = next;
  }
  return values;
}

/** A non-last optional argument lets a word it cannot convert move on to the next argument. */
function movesOn(def: Argument, last: boolean, err: unknown): boolean {
  return def.optional && !last && err instanceof IllegalArgument;
}

function omit(def: Argument, values: Values): void {
  if (def.defaultValue !== undefined) values[def.name] = def.defaultValue;
}

function asIllegal(def: Argument, err: unknown): IllegalArgument {
  return err instanceof IllegalArgument ? err : new IllegalArgument(`${def.name}: ${(err as Error).message}`);
}
