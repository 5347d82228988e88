import { StringArgument, type ArgsOf } from '../cmdsys/api/arguments';
import { Command } from '../cmdsys/api/command';
import { IllegalArgument } from '../cmdsys/api/errors';
import { MAX_PREFIX_LENGTH, type GuildPrefixes } from './guild-prefixes';

const LIB = 'protos-panel built-ins';

abstract class PrefixCommand extends Command {
  constructor(protected readonly prefixes: GuildPrefixes) {
    super();
  }

  protected base(name: string, desc: string): void {
    this.module = 'prefix';
    this.name = name;
    this.desc = desc;
    this.lib = LIB;
  }

  protected guildOnly(): void {
    if (!this.msg.guild || this.msg.network === 'console')
      throw new IllegalArgument('a prefix belongs to a guild: use this in a guild channel');
  }
}

/** `prefix set !`: this guild's own command prefix (guild managers). */
export class PrefixSet extends PrefixCommand {
  setup() {
    this.base('set', "Sets this guild's command prefix (instead of the configured triggers).");
    this.minRank = 3;
    return this.addArgument(new StringArgument('prefix'));
  }

  async call({ prefix }: ArgsOf<PrefixSet>) {
    this.guildOnly();
    const value = prefix.trim();
    if (value === '' || /\s/.test(value) || value.length > MAX_PREFIX_LENGTH)
      throw new IllegalArgument(`a prefix is 1 to ${MAX_PREFIX_LENGTH} characters without spaces`);
    await this.prefixes.set(this.msg, value);
    await this.respond(`Prefix for ${this.msg.guild!.name}: ${value}`);
    await this.log(`set the prefix to ${value}`);
  }
}

/** `prefix reset`: back to the configured triggers. */
export class PrefixReset extends PrefixCommand {
  setup() {
    this.base('reset', "Drops this guild's prefix: the configured triggers apply again.");
    this.minRank = 3;
  }

  async call() {
    this.guildOnly();
    await this.prefixes.set(this.msg, null);
    await this.respond(`${this.msg.guild!.name} uses the configured triggers again.`);
    await this.log('reset the prefix');
  }
}

/** `prefix show`. */
export class PrefixShow extends PrefixCommand {
  setup() {
    this.base('show', "Shows this guild's prefix.");
  }

  async call() {
    this.guildOnly();
    await this.prefixes.load(this.msg);
    const prefix = this.prefixes.cached(this.msg);
    const triggers = this.env.config.get('pipeline.triggers');
    await this.respond(
      prefix ? `Prefix here: ${prefix}` : `No own prefix here; triggers: ${triggers.join(' ')}`,
    );
  }
}

export function prefixCommands(prefixes: GuildPrefixes): Command[] {
  return [new PrefixSet(prefixes), new PrefixReset(prefixes), new PrefixShow(prefixes)];
}
