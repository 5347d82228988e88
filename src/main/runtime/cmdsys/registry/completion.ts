import { suggestionsFor } from '../../adapters/discord/slash/autocomplete';
import { BooleanArgument, ChannelArgument, ChoiceArgument, UserArgument } from '../api/arguments';
import type { Completion, CompletionItem } from '../../../../shared/dto/console-tools';
import { quoteArgument, tokenize, TokenizeError } from '../../text/tokenizer';
import { DEFAULT_SUBCOMMAND, type RegisteredCommand } from './command-registry';

/** Users and channels the adapters know, offered for user and channel arguments. */
export interface KnownNames {
  users: readonly string[];
  channels: readonly string[];
}
const NONE_KNOWN: KnownNames = { users: [], channels: [] };

/** More than this is noise in a completion list. */
export const MAX_COMPLETIONS = 50;

const lower = (s: string): string => s.toLowerCase();
const startsWith = (value: string, typed: string): boolean => lower(value).startsWith(lower(typed));

function unique(items: CompletionItem[], sort = true): CompletionItem[] {
  const seen = new Map<string, CompletionItem>();
  for (const item of items) if (!seen.has(lower(item.value))) seen.set(lower(item.value), item);
  const list = [...seen.values()];
  if (sort) list.sort((a, b) => a.value.localeCompare(b.value));
  return list.slice(0, MAX_COMPLETIONS);
}

/** The word being typed at the end of a line, where it starts, and the words before it. */
interface LineParts {
  from: number;
  /** The word as far as it is typed, quotes and escapes removed. */
  typed: string;
  words: string[];
}

/**
 * Splits a console line the way the pipeline will (quotes group words): the last word is the
 * one being typed, unless the line ends in whitespace. An open quote makes everything from the
 * start of its word to the end of the line the word being typed (`say "living ro`).
 */
function splitLine(line: string): LineParts {
  try {
    const tokens = tokenize(line);
    const last = tokens.at(-1);
    if (!last || last.end < line.length)
      return { from: line.length, typed: '', words: tokens.map((t) => t.value) };
    return { from: last.start, typed: last.value, words: tokens.slice(0, -1).map((t) => t.value) };
  } catch (err) {
    if (!(err instanceof TokenizeError)) throw err;
    // every quote before the open one is closed, so the text before it splits cleanly
    const quote = err.column - 1;
    const before = tokenize(line.slice(0, quote));
    // `a"b c`: the open quote continues a word that began before it
    const joined = before.at(-1)?.end === quote ? before.pop() : undefined;
    const rest = line.slice(quote + 1).replace(/\\([\s\S])/g, '$1');
    return {
      from: joined?.start ?? quote,
      typed: `${joined?.value ?? ''}${rest}`,
      words: before.map((t) => t.value),
    };
  }
}

/**
 * Completes the last word of a console line (the cursor is at its end) from the loaded commands:
 * a command or module name, a module's subcommand, or the value of the argument at that position
 * (a choice, yes/no, a user or channel the adapters know, or what the argument's own autocomplete
 * hook suggests). Words are split as the pipeline splits them, quotes included, so a quoted
 * argument counts as one word and can itself be completed; a value with spaces or quotes is
 * offered quoted, ready to be put in the line.
 */
export async function completeLine(
  entries: readonly RegisteredCommand[],
  line: string,
  known: () => KnownNames = () => NONE_KNOWN,
): Promise<Completion> {
  const { from, typed, words } = splitLine(line);
  const none = (kind: string): Completion => ({ from, items: [], kind });

  if (words.length === 0) {
    const items: CompletionItem[] = [];
    for (const { command } of entries) {
      if (command.module) {
        if (startsWith(command.module, typed)) items.push({ value: command.module, detail: 'module' });
        continue;
      }
      for (const name of [command.name, ...command.aliases])
        if (startsWith(name, typed))
          items.push({
            value: name,
            detail: name === command.name ? command.desc : `alias of ${command.name}`,
          });
    }
    return { from, items: unique(items), kind: 'command' };
  }

  const first = lower(words[0]!);
  const subs = entries.filter((e) => e.command.module !== null && lower(e.command.module) === first);
  let entry: RegisteredCommand | undefined;
  let argIndex: number;
  if (subs.length > 0) {
    if (words.length === 1) {
      const items = subs.flatMap(({ command }) =>
        [command.name, ...command.aliases]
          .filter((n) => n !== DEFAULT_SUBCOMMAND && startsWith(n, typed))
          .map((value) => ({ value, detail: command.desc })),
      );
      return { from, items: unique(items), kind: 'subcommand' };
    }
    const second = lower(words[1]!);
    entry = subs.find(({ command }) => [command.name, ...command.aliases].some((n) => lower(n) === second));
    argIndex = words.length - 2;
    if (!entry) {
      entry = subs.find((e) => e.command.name === DEFAULT_SUBCOMMAND);
      argIndex = words.length - 1;
    }
  } else {
    entry = entries.find(
      ({ command }) => !command.module && [command.name, ...command.aliases].some((n) => lower(n) === first),
    );
    argIndex = words.length - 1;
  }
  if (!entry) return none('unknown command');
  const arg = entry.command.arguments[argIndex];
  if (!arg) return none('no more arguments');
  const kind = `${arg.optional ? '[' : '<'}${arg.name}${arg.hint ? `:${arg.hint}` : ''}${arg.optional ? ']' : '>'}`;
  let values: string[];
  if (arg instanceof BooleanArgument) values = ['yes', 'no'].filter((v) => startsWith(v, typed));
  else if (arg instanceof UserArgument || arg instanceof ChannelArgument) {
    const names = arg instanceof UserArgument ? known().users : known().channels;
    values = [...names].filter((n) => startsWith(n, typed)).sort((a, b) => a.localeCompare(b));
  } else if (arg instanceof ChoiceArgument || arg.autocomplete) {
    try {
      values = (await suggestionsFor(arg, typed)).map((s) => s.value);
    } catch {
      values = []; // a hook that throws or hangs gives no suggestions, nothing more
    }
  } else values = [];
  return {
    from,
    items: unique(
      values.map((value) => ({ value: quoteArgument(value), detail: arg.name })),
      false,
    ),
    kind,
  };
}
