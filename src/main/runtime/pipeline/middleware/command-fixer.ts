import { DEFAULT_SUBCOMMAND } from '../../cmdsys/registry/command-registry';
import type { CommandLookup } from './types';

/**
 * The command fixer (message middleware), with the seed's rules:
 * - a valid module followed by one of its subcommands is left alone (`factoid add …`);
 * - a valid module without a valid subcommand gets `default` inserted (`help test` → `help default test`);
 * - a word that is a subcommand of exactly one module gets that module inserted (`8ball` → `games 8ball`).
 * Top-level commands are left alone.
 */
export function fixCommand(words: string[], lookup: CommandLookup): string[] {
  const [first, second] = words;
  if (first === undefined) return words;
  if (lookup.hasTopLevel(first)) return words;
  if (lookup.isModule(first)) {
    if (second !== undefined && lookup.hasSubcommand(first, second)) return words;
    return [first, DEFAULT_SUBCOMMAND, ...words.slice(1)];
  }
  const modules = lookup.modulesWithSubcommand(first);
  if (modules.length === 1) return [modules[0]!, ...words];
  return words;
}
