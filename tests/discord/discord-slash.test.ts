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
  'pick.ts': `import { Command, IntegerArgument, type ArgsOf } from 'cmdsys';
export class Pick extends Command {
  setup() { this.name = 'pick'; this.desc = 'Asks for a colour.'; return this.addArgument(new IntegerArgument('many', true)); }
  async call({ many }: ArgsOf<Pick>) {
    const options = many ? Array.from({ length: many }, (_, i) => 'c' + i) : ['red', 'green', 'blue'];
    const colour = await this.choose('Which colour?', options, { timeoutMs: 5000 });
    await this.respond('picked ' + colour);
  }
}
`,
  'card.ts': `import { Command } from 'cmdsys';
export class CardCmd extends Command {
  setup() { this.name = 'card'; this.desc = 'Shows a card.'; }
  async call() {
    await this.respondCard({ title: 'Weather', description: 'Sunny', color: 0xffcc00, fields: [{ name: 'High', value: '25 C', inline: true }], footer: 'today', url: 'https://example.invalid/w' });
  }
}
`,
  'city.ts': `import { ChoiceArgument, Command, StringArgument, type ArgsOf } from 'cmdsys';
const ZONES = Array.from({ length: 30 }, (_, i) => 'zone' + i);
export class City extends Command {
  setup() {
    this.name = 'city'; this.desc = 'Autocomplete probe.';
    return this.addArgument(new ChoiceArgument('zone', ZONES))
      .addArgument(new StringArgument('town', true, { autocomplete: (typed) => ['Berlin', 'Bern', 'Boston'].filter((t) => t.toLowerCase().startsWith(typed.toLowerCase())) }))
      .addArgument(new StringArgument('broken', true, { autocomplete: () => { throw new Error('hook bug'); } }));
  }
  async call({ zone, town }: ArgsOf<City>) { await this.respond(zone + ' ' + (town ?? '-')); }
}
`,
  'stuck.ts': `import { Command } from 'cmdsys';
export class Stuck extends Command {
  setup() { this.name = 'stuck'; this.desc = 'Runs into its timeout.'; this.timeoutMs = 1000; }
  async call() { await this.sleep(10000); }
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

  it('a timeout after deferral reaches only the invoker; the public placeholder is removed', async () => {
    await startBot();
    const id = fake.slash('stuck');
    await waitFor('the stop notice', () => fake.interaction(id).followUps.length === 1, 5_000);
    const record = fake.interaction(id);
    expect(record.callback!.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(record.followUps[0]!.body).toMatchObject({ flags: MessageFlags.Ephemeral });
    expect(record.followUps[0]!.body.content).toMatch(/Stopped|timed out|timeout/i);
    await waitFor('the placeholder removed', () => fake.interaction(id).deleted);
  });

  it('a removed command is unregistered; a stale invocation of it gets an ephemeral notice', async () => {
    const bot = await startBot();
    const { rmSync } = await import('node:fs');
    const path = await import('node:path');
    const slow = fake.interactions.registered().find((c) => c.name === 'slow')!;
    rmSync(path.join(bot.dataDir, 'commands', 'slow.ts'));
    await bot.bot.commands.reload();
    await bot.adapter.slashSynced();
    expect(fake.interactions.registered().map((c) => c.name)).not.toContain('slow');
    // a Discord client that still shows the old command list
    fake.interactions.commands.set('global', [...fake.interactions.registered(), slow]);
    const id = fake.slash('slow');
    await waitFor('the notice', () => fake.interaction(id).callback !== null);
    expect(fake.interaction(id).callback!.data).toMatchObject({
      flags: MessageFlags.Ephemeral,
      content: '/slow is not a command of this bot any more.',
    });
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

describe('autocomplete on the local Discord', () => {
  it("suggests a long ChoiceArgument's choices and an argument hook's answers; a failing hook suggests nothing", async () => {
    const bot = await startBot();
    const city = fake.interactions.registered().find((c) => c.name === 'city')!;
    expect(city.options!.map((o) => (o as { autocomplete?: boolean }).autocomplete)).toEqual([
      true,
      true,
      true,
    ]);
    const suggested = async (option: string, typed: string): Promise<unknown> => {
      const id = fake.autocomplete('city', option, typed);
      await waitFor('the suggestions', () => fake.interaction(id).callback !== null);
      const cb = fake.interaction(id).callback!;
      expect(cb.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
      return (cb.data!.choices as { value: string }[]).map((c) => c.value);
    };
    expect(await suggested('zone', 'zone2')).toEqual([
      'zone2',
      'zone20',
      'zone21',
      'zone22',
      'zone23',
      'zone24',
      'zone25',
      'zone26',
      'zone27',
      'zone28',
      'zone29',
    ]);
    expect(await suggested('town', 'be')).toEqual(['Berlin', 'Bern']);
    expect(await suggested('broken', 'x')).toEqual([]);
    expect(bot.logs('warn').some((e) => e.msg.includes('hook bug'))).toBe(true);
  });
});

describe('choices and cards on the local Discord', () => {
  it("choose(): buttons for the asker only; another user's click is ignored; the pick answers", async () => {
    await startBot();
    const from = fake.posted.length;
    fake.say('+pick');
    const [prompt] = await fake.waitForPosts(1, from);
    expect(prompt!.content).toBe('Which colour?');
    const row = (prompt!.body.components as { components: { custom_id: string; label: string }[] }[])[0]!;
    expect(row.components.map((c) => c.label)).toEqual(['red', 'green', 'blue']);
    const where = { id: prompt!.id, channelId: prompt!.channelId };
    const stranger = fake.click(where, row.components[0]!.custom_id, { author: fake.world.users.maya });
    await waitFor('the stranger told off', () => fake.interaction(stranger).callback !== null);
    expect(fake.interaction(stranger).callback!.data).toMatchObject({ flags: MessageFlags.Ephemeral });
    const mine = fake.click(where, row.components[1]!.custom_id);
    const [answer] = await fake.waitForPosts(1, from + 1);
    expect(answer!.content).toBe('picked green');
    const update = fake.interaction(mine).callback!;
    expect(update.type).toBe(InteractionResponseType.UpdateMessage);
    const disabled = (update.data!.components as { components: { disabled: boolean }[] }[])[0]!.components;
    expect(disabled.every((c) => c.disabled)).toBe(true);
    expect(fake.posted.slice(from).map((p) => p.content)).toEqual(['Which colour?', 'picked green']);
  });

  it('choose(): a select menu past five options, also when asked from a slash command', async () => {
    await startBot();
    const id = fake.slash('pick', { many: 7 });
    await waitFor('the prompt', () => fake.interaction(id).callback !== null);
    const data = fake.interaction(id).callback!.data!;
    const menu = (
      data.components as { components: { type: number; custom_id: string; options: unknown[] }[] }[]
    )[0]!.components[0]!;
    expect(menu.type).toBe(3);
    expect(menu.options).toHaveLength(7);
    const original = fake.interaction(id).original!;
    fake.click({ id: original.id, channelId: original.channel_id }, menu.custom_id, { values: ['5'] });
    await waitFor('the answer', () => fake.interaction(id).followUps.length === 1);
    expect(fake.interaction(id).followUps[0]!.body.content).toBe('picked c5');
  });

  it('respondCard(): an embed on Discord, text on the console', async () => {
    const bot = await startBot();
    const from = fake.posted.length;
    fake.say('+card');
    const [post] = await fake.waitForPosts(1, from);
    expect(post!.content).toBe('');
    expect(post!.body.embeds).toEqual([
      {
        title: 'Weather',
        description: 'Sunny',
        url: 'https://example.invalid/w',
        color: 0xffcc00,
        fields: [{ name: 'High', value: '25 C', inline: true }],
        footer: { text: 'today' },
      },
    ]);
    expect(await bot.console('card')).toEqual([
      'Weather <https://example.invalid/w>\nSunny\nHigh: 25 C\n— today',
    ]);
    // the panel's console gets the card itself next to its text rendering
    expect(bot.consoleOut.find((o) => o.card)?.card).toMatchObject({ title: 'Weather', footer: 'today' });
  });
});
