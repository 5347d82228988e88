import {
  Command,
  IllegalArgument,
  PK,
  StringArgument,
  TextField,
  ValidationError,
  defineModel,
  type ArgsOf,
} from 'cmdsys';

/**
 * A module with subcommands: `factoid add <key> <text>`, `factoid get <key>`, and a `default`
 * that runs for `factoid <key>` (the pipeline's command fixer turns that into
 * `factoid default <key>`). Facts live in the guild's database (the console has its own), so
 * they survive reloads and restarts.
 */
class Fact extends defineModel('Factoid', {
  key: TextField({ constraints: [PK()], maxLength: 200 }),
  text: TextField({ maxLength: 4000 }),
}) {}

const normalise = (key: string): string => key.trim().toLowerCase();

abstract class FactoidCommand extends Command {
  protected setupFactoid(name: string, desc: string): void {
    this.module = 'factoid';
    this.name = name;
    this.desc = desc;
    this.lib = 'factoid 1.0';
    void this.env.database.registerModel(Fact);
  }

  protected db() {
    return this.env.database.getDbByMessage(this.msg);
  }

  protected async describeFact(key: string): Promise<string> {
    const db = await this.db();
    const fact = await db
      .query(Fact)
      .filter({ key: normalise(key) })
      .first();
    return fact === null ? `I don't know anything about "${key}".` : `${key}: ${fact.text}`;
  }
}

export class FactoidAdd extends FactoidCommand {
  setup() {
    this.setupFactoid('add', 'Remembers a fact.');
    this.aliases = ['set'];
    return this.addArgument(new StringArgument('key')).addArgument(new StringArgument('text'));
  }

  async call({ key, text }: ArgsOf<FactoidAdd>) {
    if (normalise(key) === '') throw new IllegalArgument('the key must not be empty');
    const db = await this.db();
    try {
      // look up and write in one transaction: two adds of the same key cannot both insert
      await db.transaction(async (t) => {
        const fact =
          (await t
            .query(Fact)
            .filter({ key: normalise(key) })
            .first()) ?? (await t.new(Fact));
        fact.key = normalise(key);
        fact.text = text;
        await fact.save();
      });
    } catch (err) {
      if (err instanceof ValidationError) throw new IllegalArgument(err.message);
      throw err;
    }
    await this.respond(`Okay, I'll remember "${key}".`);
  }
}

export class FactoidGet extends FactoidCommand {
  setup() {
    this.setupFactoid('get', 'Tells a fact.');
    return this.addArgument(new StringArgument('key'));
  }

  async call({ key }: ArgsOf<FactoidGet>) {
    await this.respond(await this.describeFact(key));
  }
}

export class FactoidDefault extends FactoidCommand {
  setup() {
    this.setupFactoid('default', 'Tells a fact (short for "factoid get").');
    return this.addArgument(new StringArgument('key', true));
  }

  async call({ key }: ArgsOf<FactoidDefault>) {
    if (!key) {
      const db = await this.db();
      const keys = (await db.query(Fact).orderBy('key').all()).map((f) => f.key);
      await this.respond(
        keys.length ? `I know about: ${keys.join(', ')}` : 'I know nothing yet. Teach me with "factoid add".',
      );
      return;
    }
    await this.respond(await this.describeFact(key));
  }
}
