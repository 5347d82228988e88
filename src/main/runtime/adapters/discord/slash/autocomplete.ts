import { ChoiceArgument, type Argument } from '../../../cmdsys/api/arguments';

/** Discord shows at most 25 suggestions, each at most 100 characters. */
const MAX_SUGGESTIONS = 25;
const MAX_LENGTH = 100;
/** Discord waits 3 s for the answer; a hook slower than this gets no suggestions. */
export const AUTOCOMPLETE_LIMIT_MS = 2_500;

/**
 * Suggestions for an argument while the user types `typed`: the argument's own hook, or a
 * ChoiceArgument's choices containing the typed text (those starting with it first).
 */
export async function suggestionsFor(
  arg: Argument,
  typed: string,
): Promise<{ name: string; value: string }[]> {
  let list: readonly string[];
  if (arg.autocomplete) {
    let timer: NodeJS.Timeout | undefined;
    const slow = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`autocomplete of "${arg.name}" took too long`)),
        AUTOCOMPLETE_LIMIT_MS,
      );
    });
    try {
      list = await Promise.race([Promise.resolve(arg.autocomplete(typed)), slow]);
    } finally {
      clearTimeout(timer);
    }
    if (!Array.isArray(list))
      throw new TypeError(`autocomplete of "${arg.name}" must return a list of texts`);
  } else if (arg instanceof ChoiceArgument) {
    const lower = typed.toLowerCase();
    const choices = arg.choices as readonly string[];
    list = [
      ...choices.filter((c) => c.toLowerCase().startsWith(lower)),
      ...choices.filter((c) => !c.toLowerCase().startsWith(lower) && c.toLowerCase().includes(lower)),
    ];
  } else list = [];
  return list
    .filter((s): s is string => typeof s === 'string' && s !== '' && s.length <= MAX_LENGTH)
    .slice(0, MAX_SUGGESTIONS)
    .map((s) => ({ name: s, value: s }));
}
