import { Command, IllegalArgument, StringArgument, type ArgsOf } from 'cmdsys';

/**
 * A module with subcommands: `factoid add <key> <text>`, `factoid get <key>`, and a `default`
 * that runs for `factoid <key>` (the pipeline's command fixer turns that into
 * `factoid default <key>`). Facts live in memory, shared by the three subcommands, and are
 * carried over to the new generation on reload (onReload).
 */
const facts = new Map<string, string>();

const normalise = (key: string): string => key.trim().toLowerCase();

function describeFact(key: string): string {
  const text = facts.get(normalise(key));
  return text === undefined ? `I don't know anything about "${key}".` : `${key}: ${text}`;
}

abstract class FactoidCommand extends Command {
  state: Record<string, unknown> = { facts };

  onReload(previous: Command) {
    const old = previous.state.facts;
    if (old instanceof Map && old !== facts)
      for (const [key, text] of old) facts.set(String(key), String(text));
  }
}

export class FactoidAdd extends FactoidCommand {
  setup() {
    this.module = 'factoid';
    this.name = 'add';
    this.aliases = ['set'];
    this.desc = 'Remembers a fact.';
    this.lib = 'factoid 1.0';
    return this.addArgument(new StringArgument('key')).addArgument(new StringArgument('text'));
  }

  async call({ key, text }: ArgsOf<FactoidAdd>) {
    if (normalise(key) === '') throw new IllegalArgument('the key must not be empty');
    facts.set(normalise(key), text);
    await this.respond(`Okay, I'll remember "${key}".`);
  }
}

export class FactoidGet extends FactoidCommand {
  setup() {
    this.module = 'factoid';
    this.name = 'get';
    this.desc = 'Tells a fact.';
    this.lib = 'factoid 1.0';
    return this.addArgument(new StringArgument('key'));
  }

  async call({ key }: ArgsOf<FactoidGet>) {
    await this.respond(describeFact(key));
  }
}

export class FactoidDefault extends FactoidCommand {
  setup() {
    this.module = 'factoid';
    this.name = 'default';
    this.desc = 'Tells a fact (short for "factoid get").';
    this.lib = 'factoid 1.0';
    return this.addArgument(new StringArgument('key', true));
  }

  async call({ key }: ArgsOf<FactoidDefault>) {
    if (!key) {
      const keys = [...facts.keys()].sort();
      await this.respond(
        keys.length ? `I know about: ${keys.join(', ')}` : 'I know nothing yet. Teach me with "factoid add".',
      );
      return;
    }
    await this.respond(describeFact(key));
  }
}
