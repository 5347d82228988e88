import { ApplicationCommandOptionType, InteractionResponseType, MessageFlags } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from './fake-discord/server';
import { DiscordBot, waitFor } from './support';

/** Commands for the slash tests: every argument type, a module, a slow one, an ask(). */
const SLASH_COMMANDS: Record<string, string> = {
  'kinds.ts': `import { BooleanArgument, ChannelArgument, ChoiceArgument, Command, IntegerArgument, NumberArgument, StringArgument, UserArgument, type ArgsOf } from 'cmdsys';
export class Kinds extends Command {
  setup() {
    this.name = 'kinds';
    this.desc = 'Every argument type.';
    return this.addArgument(new IntegerArgument('count', false, { min: 1, max: 10, description: 'How many' }))
      .addArgument(new NumberArgument('ratio'))
      .addArgument(new BooleanArgument('loud'))
      .addArgument(new ChoiceArgument('colour', ['red', 'green']))
      .addArgument(new UserArgument('who'))
      .addArgument(new ChannelArgument('where'))
      .addArgument(new StringArgument('rest', true));
  }
  async call(a: ArgsOf<Kinds>) {
    await this.respond(JSON.stringify({ count: a.count, ratio: a.ratio, loud: a.loud, colour: a.colour, who: a.who.name, where: a.where.name, rest: a.rest ?? null }));
  }
}
`,
  'factoid.ts': `import { Command, StringArgument, type ArgsOf } from 'cmdsys';
export class FactoidAdd extends Command {
  setup() {
    this.name = 'add'; this.module = 'factoid'; this.desc = 'Adds a factoid.';
    return this.addArgument(new StringArgument('key')).addArgument(new StringArgument('text'));
  }
  async call({ key, text }: ArgsOf<FactoidAdd>) { await this.respond('added ' + key + ' = ' + text); }
}
export class FactoidGet extends Command {
  setup() { this.name = 'get'; this.module = 'factoid'; this.desc = 'Reads one.'; return this.addArgument(new StringArgument('key')); }
  async call({ key }: ArgsOf<FactoidGet>) { await this.respond('no ' + key); }
}
`,
  'slow.ts': `import { Command } from 'cmdsys';
export class Slow extends Command {
  setup() { this.name = 'slow'; this.desc = 'Thinks, then answers three times.'; }
  async call() {
    await this.sleep(600);
    await this.respond('first');
    await this.respond('second');
    await this.respond('third');
  }
}
`,
  'BadName.ts': `import { Command } from 'cmdsys';
export class Bad extends Command {
  setup() { this.name = 'has.dot'; this.desc = 'Discord refuses this name.'; }
  async call() { await this.respond('x'); }
}
`,
};

let fake: FakeDiscord;
let harness: DiscordBot | null = null;

beforeAll(async () => {
  fake = await FakeDiscord.start();
});
afterAll(async () => {
  await fake.close();
});
afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function startBot(config: Record<string, unknown> = {}): Promise<DiscordBot> {
  harness = await DiscordBot.start(fake, {
    commands: SLASH_COMMANDS,
    config: { 'discord.commands.deferAfterMs': 300, ...config } as never,
  });
  await waitFor(
    'slash commands registered',
    () => (harness!.adapter.slashStatus()?.reports.length ?? 0) > 0,
    10_000,
  );
  return harness;
}

const contentOf = (id: string): string[] => {
  const r = fake.interaction(id);
  const first = r.callback?.data?.content as string | undefined;
  const edited = r.edits.map((e) => e.body.content as string);
  return [first ?? '', ...edited, ...r.followUps.map((f) => f.body.content as string)].filter(
    (t) => t !== '',
  );
};

describe('slash commands on the local Discord', () => {
  it('registers every command, reports refused names, and a second start registers nothing', async () => {
    fake.interactions.commands.clear();
    fake.interactions.writes.length = 0;
    const bot = await startBot();
    const names = fake.interactions.registered().map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['kinds', 'factoid', 'slow', 'echo', 'help']));
    expect(names).not.toContain('has.dot');
    expect(bot.adapter.slashStatus()!.refused).toEqual([
      expect.objectContaining({ command: 'has.dot', reason: expect.stringContaining('characters') }),
    ]);
    const factoid = fake.interactions.registered().find((c) => c.name === 'factoid')!;
    expect(factoid.options!.map((o) => [o.name, o.type])).toEqual([
      ['add', ApplicationCommandOptionType.Subcommand],
      ['get', ApplicationCommandOptionType.Subcommand],
    ]);
    const kinds = fake.interactions.registered().find((c) => c.name === 'kinds')!;
    expect(kinds.options!.map((o) => o.type)).toEqual([
      ApplicationCommandOptionType.Integer,
      ApplicationCommandOptionType.Number,
      ApplicationCommandOptionType.Boolean,
      ApplicationCommandOptionType.String,
      ApplicationCommandOptionType.User,
      ApplicationCommandOptionType.Channel,
      ApplicationCommandOptionType.String,
    ]);
    expect(kinds.options![0]).toMatchObject({
      min_value: 1,
      max_value: 10,
      required: true,
      description: 'How many',
    });
    expect(kinds.options![3]).toMatchObject({
      choices: [
        { name: 'red', value: 'red' },
        { name: 'green', value: 'green' },
      ],
    });
    expect(fake.interactions.writes.map((w) => w.method)).toEqual(['PUT']);
    await harness!.close();
    harness = null;

    await startBot();
    expect(fake.interactions.writes.map((w) => w.method)).toEqual(['PUT']);
    expect(harness!.adapter.slashStatus()!.reports[0]).toMatchObject({
      created: [],
      updated: [],
      deleted: [],
    });
    const gets = fake.rest.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/commands'));
    expect(gets).toHaveLength(2);
  });

  it('runs a command with every argument type through the pipeline, traced as slash', async () => {
    const bot = await startBot();
    const { users, channels } = fake.world;
    const id = fake.slash('kinds', {
      count: 3,
      ratio: 0.5,
      loud: true,
      colour: 'green',
      who: users.maya.id,
      where: channels.random.id,
      rest: 'two "quoted" words',
    });
    await waitFor('the reply', () => fake.interaction(id).callback !== null);
    const record = fake.interaction(id);
    expect(record.callback!.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(JSON.parse(record.callback!.data!.content as string)).toEqual({
      count: 3,
      ratio: 0.5,
      loud: true,
      colour: 'green',
      who: 'maya',
      where: 'random',
      rest: 'two "quoted" words',
    });
    const trace = bot.bot.pipeline.recentTraces().at(-1)!;
    expect(trace.stages[0]).toMatchObject({ stage: 'detection', step: 'slash' });
    expect(trace.command).toBe('kinds');
  });

  it('runs a module subcommand', async () => {
    await startBot();
    const id = fake.slash('factoid', { key: 'tea', text: 'hot leaf water' }, { subcommand: 'add' });
    await waitFor('the reply', () => fake.interaction(id).callback !== null);
    expect(contentOf(id)).toEqual(['added tea = hot leaf water']);
  });

  it('answers an argument error ephemerally, to the invoker only', async () => {
    await startBot();
    const { channels } = fake.world;
    const id = fake.slash('kinds', {
      count: 3,
      ratio: 1,
      loud: false,
      colour: 'red',
      who: '999999999999999999',
      where: channels.general.id,
    });
    await waitFor('the error reply', () => fake.interaction(id).callback !== null);
    const cb = fake.interaction(id).callback!;
    expect(cb.data!.flags).toBe(MessageFlags.Ephemeral);
    expect(cb.data!.content).toMatch(/who/);
  });

  it('defers a command still running, then fills the reply and follows up in order', async () => {
    await startBot();
    const id = fake.slash('slow');
    await waitFor('three answers', () => fake.interaction(id).followUps.length === 2, 5_000);
    const record = fake.interaction(id);
    expect(record.callback!.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(record.edits.map((e) => e.body.content)).toEqual(['first']);
    expect(record.followUps.map((f) => f.body.content)).toEqual(['second', 'third']);
  });

  it('re-syncs only the changed command after a reload', async () => {
    const bot = await startBot();
    fake.interactions.writes.length = 0;
    const { writeFileSync } = await import('node:fs');
    const path = await import('node:path');
    writeFileSync(
      path.join(bot.dataDir, 'commands', 'slow.ts'),
      SLASH_COMMANDS['slow.ts']!.replace('Thinks, then answers three times.', 'Thinks longer.'),
    );
    await bot.bot.commands.reload();
    await waitFor('the sync after reload', () => fake.interactions.writes.length > 0, 10_000);
    await bot.adapter.slashSynced();
    expect(fake.interactions.writes).toEqual([{ method: 'POST', scope: 'global', names: ['slow'] }]);
    expect(fake.interactions.registered().find((c) => c.name === 'slow')!.description).toBe('Thinks longer.');
  });

  it('registers per guild with scope guilds', async () => {
    fake.interactions.commands.clear();
    await startBot({ 'discord.commands.scope': 'guilds' });
    expect(fake.interactions.registered(fake.world.guild.id).map((c) => c.name)).toContain('kinds');
    expect(fake.interactions.registered('global')).toEqual([]);
  });
});
