import { ChoiceArgument, StringArgument, type ArgsOf } from '../api/arguments';
import { Command } from '../api/command';
import { IllegalArgument } from '../api/errors';
import type { ConfigManager, ConfigPath } from '../../config/config-manager';
import type { Config } from '../../config/schema';
import type { PathValue } from '../../config/paths';
import { ConfigConflictError } from '../../config/three-way';
import { compileAlias } from '../../pipeline/middleware/aliases';
import { PresenceSet } from './presence-command';

const LIB = 'protos-panel built-ins';

/** Owner-only commands that edit the pipeline's aliases and bad words (persisted to the config). */
abstract class ConfigCommand extends Command {
  constructor(protected readonly config: ConfigManager) {
    super();
  }

  protected base(module: string, name: string, desc: string): void {
    this.module = module;
    this.name = name;
    this.desc = desc;
    this.lib = LIB;
    this.minRank = 1;
  }

  /** Saves one key; a hand edit of the same key in config.json is reported, not overwritten. */
  protected async store<P extends ConfigPath>(key: P, value: PathValue<Config, P>): Promise<void> {
    try {
      await this.config.set(key, value);
    } catch (err) {
      if (err instanceof ConfigConflictError) throw new IllegalArgument(err.message);
      throw err;
    }
  }
}

export class AliasAdd extends ConfigCommand {
  setup() {
    this.base('alias', 'add', 'Adds an alias: a pattern with {placeholders} and the command it becomes.');
    this.longDesc = `Example: alias add "remember {key} is {rest}" "factoid add {key} '{key} is {rest}'"`;
    return this.addArgument(new StringArgument('pattern')).addArgument(new StringArgument('replacement'));
  }

  async call({ pattern, replacement }: ArgsOf<AliasAdd>) {
    try {
      compileAlias({ pattern, replacement });
    } catch (err) {
      throw new IllegalArgument(`the pattern does not compile: ${(err as Error).message}`);
    }
    const aliases = this.config.get('aliases');
    if (aliases.some((a) => a.pattern.toLowerCase() === pattern.toLowerCase())) {
      throw new IllegalArgument(`an alias with the pattern "${pattern}" exists; remove it first`);
    }
    await this.store('aliases', [...aliases, { pattern, replacement }]);
    await this.respond(`Alias #${aliases.length + 1} added: ${pattern} → ${replacement}`);
    await this.log(`added alias ${pattern} → ${replacement}`);
  }
}

export class AliasRemove extends ConfigCommand {
  setup() {
    this.base('alias', 'remove', 'Removes an alias by number (see "alias list") or by pattern.');
    return this.addArgument(new StringArgument('alias'));
  }

  async call({ alias }: ArgsOf<AliasRemove>) {
    const aliases = this.config.get('aliases');
    const index = /^\d+$/.test(alias)
      ? Number(alias) - 1
      : aliases.findIndex((a) => a.pattern.toLowerCase() === alias.toLowerCase());
    const found = aliases[index];
    if (!found) throw new IllegalArgument(`no alias "${alias}"`);
    await this.store(
      'aliases',
      aliases.filter((_, i) => i !== index),
    );
    await this.respond(`Removed alias: ${found.pattern} → ${found.replacement}`);
    await this.log(`removed alias ${found.pattern} → ${found.replacement}`);
  }
}

export class AliasList extends ConfigCommand {
  setup() {
    this.base('alias', 'list', 'Lists the aliases.');
    this.minRank = null;
  }

  async call() {
    const aliases = this.config.get('aliases');
    await this.respond(
      aliases.length
        ? aliases.map((a, i) => `${i + 1}. ${a.pattern} → ${a.replacement}`).join('\n')
        : 'No aliases.',
    );
  }
}

export class BadWordAdd extends ConfigCommand {
  setup() {
    this.base('badword', 'add', 'Adds a word to the bad-word filter.');
    return this.addArgument(new StringArgument('word'));
  }

  async call({ word }: ArgsOf<BadWordAdd>) {
    const words = this.config.get('badWords.words');
    const w = word.trim();
    if (words.some((x) => x.toLowerCase() === w.toLowerCase()))
      return this.respond(`"${w}" is already filtered.`);
    await this.store('badWords.words', [...words, w]);
    await this.respond(`Now filtering "${w}" (mode: ${this.config.get('badWords.mode')}).`);
    await this.log(`added a bad word (${w.length} characters)`);
  }
}

export class BadWordRemove extends ConfigCommand {
  setup() {
    this.base('badword', 'remove', 'Removes a word from the bad-word filter.');
    return this.addArgument(new StringArgument('word'));
  }

  async call({ word }: ArgsOf<BadWordRemove>) {
    const words = this.config.get('badWords.words');
    const next = words.filter((x) => x.toLowerCase() !== word.trim().toLowerCase());
    if (next.length === words.length) throw new IllegalArgument(`"${word}" is not filtered`);
    await this.store('badWords.words', next);
    await this.respond(`No longer filtering "${word.trim()}".`);
    await this.log(`removed a bad word (${word.trim().length} characters)`);
  }
}

export class BadWordList extends ConfigCommand {
  setup() {
    this.base('badword', 'list', 'Lists the filtered words and the mode.');
  }

  async call() {
    const words = this.config.get('badWords.words');
    await this.respond(
      `Mode: ${this.config.get('badWords.mode')}. ${words.length ? `Words: ${words.join(', ')}` : 'No words.'}`,
    );
  }
}

export class BadWordMode extends ConfigCommand {
  setup() {
    this.base('badword', 'mode', 'Sets what happens to a message with a bad word: mask, remove or abort.');
    return this.addArgument(new ChoiceArgument('mode', ['mask', 'remove', 'abort'] as const));
  }

  async call({ mode }: ArgsOf<BadWordMode>) {
    await this.store('badWords.mode', mode);
    await this.respond(`Bad-word mode: ${mode}.`);
    await this.log(`set the bad-word mode to ${mode}`);
  }
}

export function configCommands(config: ConfigManager): Command[] {
  return [
    new AliasAdd(config),
    new AliasRemove(config),
    new AliasList(config),
    new BadWordAdd(config),
    new BadWordRemove(config),
    new BadWordList(config),
    new BadWordMode(config),
    new PresenceSet(config),
  ];
}
