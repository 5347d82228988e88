export interface DetectionOptions {
  triggers: readonly string[];
  /** Names the bot answers to (config name, network nick); empty disables name addressing. */
  names: readonly string[];
  /** Mention forms of the bot on this network (e.g. `<@123>`), matched like a name. */
  mentions: readonly string[];
  stripTriggerInPrivate: boolean;
}

export interface Detection {
  matched: boolean;
  /** The message with the addressing removed (when matched). */
  text: string;
  via: 'private' | 'trigger' | 'name' | 'mention' | null;
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Compiled name patterns, by name (names rarely change; this keeps detection allocation-free). */
const namePatterns = new Map<string, RegExp>();
function namePattern(name: string): RegExp {
  let regex = namePatterns.get(name);
  if (!regex) {
    if (namePatterns.size > 256) namePatterns.clear();
    namePatterns.set(name, (regex = new RegExp(`^${escapeRegex(name)}[^\\p{L}\\p{N}_] ?`, 'iu')));
  }
  return regex;
}

/**
 * Stage 1: was the bot addressed? In a channel the message must start with a trigger, or with
 * the bot's name followed by exactly one non-word character and an optional space (`bot, help`,
 * `bot: help`, `bot help`; not `bottest help`), or with a mention of the bot. The addressing is
 * removed. A private message (and the console) passes as is.
 */
export function detect(text: string, isPrivate: boolean, options: DetectionOptions): Detection {
  if (isPrivate) {
    if (options.stripTriggerInPrivate) {
      const trigger = options.triggers.find((t) => text.startsWith(t));
      if (trigger) return { matched: true, text: text.slice(trigger.length), via: 'trigger' };
    }
    return { matched: true, text, via: 'private' };
  }
  let trigger: string | undefined;
  for (const t of options.triggers)
    if (text.startsWith(t) && (trigger === undefined || t.length > trigger.length)) trigger = t;
  if (trigger) {
    const rest = text.slice(trigger.length);
    return rest.trim() === ''
      ? { matched: false, text, via: null }
      : { matched: true, text: rest, via: 'trigger' };
  }
  for (const mention of options.mentions) {
    if (!text.startsWith(mention)) continue;
    const rest = text.slice(mention.length).replace(/^[,:]?\s*/, '');
    if (rest !== '') return { matched: true, text: rest, via: 'mention' };
  }
  for (const name of options.names) {
    if (name === '') continue;
    const match = namePattern(name).exec(text);
    if (match && text.length > match[0].length)
      return { matched: true, text: text.slice(match[0].length), via: 'name' };
  }
  return { matched: false, text, via: null };
}
