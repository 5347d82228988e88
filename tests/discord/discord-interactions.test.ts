// Interactions beyond the plain slash reply: ask() answered in a modal (first answer, or an
// "Answer" button on a later message), questions disabled once answered or expired, loop mode
// with cancel, all over the local Discord server.
import { InteractionResponseType, MessageFlags, type APIMessage } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from './fake-discord/server';
import { DiscordBot, waitFor } from './support';

const COMMANDS: Record<string, string> = {
  'askname.ts': `import { Command, IntegerArgument, type ArgsOf } from 'cmdsys';
export class AskName extends Command {
  setup() { this.name = 'askname'; this.desc = 'Asks for a name, optionally after thinking.'; this.timeoutMs = 20000;
    return this.addArgument(new IntegerArgument('delay', true)); }
  async call({ delay }: ArgsOf<AskName>) {
    if (delay) await this.sleep(delay);
    const name = await this.ask('What is your name?', { timeoutMs: 4000 });
    await this.respond('hello ' + name);
    await this.respond('and welcome');
  }
}
`,
  'pickfast.ts': `import { Command } from 'cmdsys';
export class PickFast extends Command {
  setup() { this.name = 'pickfast'; this.desc = 'A choice that expires quickly.'; }
  async call() {
    try { await this.respond('picked ' + await this.choose('Tea or coffee?', ['tea', 'coffee'], { timeoutMs: 700 })); }
    catch { /* the expiry is what is tested */ }
  }
}
`,
  'picklate.ts': `import { Command } from 'cmdsys';
export class PickLate extends Command {
  setup() { this.name = 'picklate'; this.desc = 'A choice as a follow-up.'; }
  async call() {
    await this.respond('first a word');
    await this.respond('picked ' + await this.choose('Tea or coffee?', ['tea', 'coffee'], { timeoutMs: 5000 }));
  }
}
`,
  'tick.ts': `import { Command } from 'cmdsys';
export class Tick extends Command {
  private n = 0;
  setup() { this.name = 'tick'; this.desc = 'Ticks until cancelled.'; this.timeoutMs = 30000; }
  async call() { this.enableLoop(true); }
  async loop() { this.n++; await this.respond('tick ' + this.n); await this.sleep(150); }
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

async function startBot(): Promise<DiscordBot> {
  harness = await DiscordBot.start(fake, {
    commands: COMMANDS,
    config: { 'discord.commands.deferAfterMs': 300 } as never,
  });
  await waitFor(
    'slash commands registered',
    () => (harness!.adapter.slashStatus()?.reports.length ?? 0) > 0,
    10_000,
  );
  return harness;
}

type Row = { components: { custom_id: string; disabled?: boolean; label?: string }[] };
const rowsOf = (m: APIMessage | undefined): Row[] => (m?.components ?? []) as unknown as Row[];
const stored = (id: string): APIMessage | undefined => fake.state.messages.get(id);
const texts = (id: string): string[] => {
  const r = fake.interaction(id);
  const first = r.callback?.data?.content as string | undefined;
  return [
    first ?? '',
    ...r.edits.map((e) => e.body.content as string),
    ...r.followUps.map((f) => f.body.content as string),
  ].filter((t) => typeof t === 'string' && t !== '');
};

describe('ask() from a slash command', () => {
  it('answers an unanswered interaction with a modal; its submit answers the command and carries the replies', async () => {
    await startBot();
    const id = fake.slash('askname');
    await waitFor('the modal', () => fake.interaction(id).callback !== null);
    const record = fake.interaction(id);
    expect(record.callback!.type).toBe(InteractionResponseType.Modal);
    expect(record.modal).toMatchObject({ title: '/askname', texts: ['What is your name?'] });
    expect(record.modal!.inputs).toEqual([
      expect.objectContaining({ label: 'Your answer', required: true, maxLength: 4000 }),
    ]);
    const customId = record.modal!.customId;
    expect(customId).toMatch(new RegExp(`^protos-ask:${fake.world.users.pat.id}:`));

    const submit = fake.submitModal(id, { answer: 'Pat' });
    await waitFor('the answer replies', () => fake.interaction(submit).followUps.length === 1);
    const answer = fake.interaction(submit);
    expect(answer.type).toBe(5); // MODAL_SUBMIT
    expect(answer.callback!.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(texts(submit)).toEqual(['hello Pat', 'and welcome']);
    // nothing went to the slash interaction after its modal (Discord refuses that)
    expect(fake.interaction(id).followUps).toEqual([]);
  });

  it('after a deferral asks with an "Answer" button: only the asker gets the modal; the answer disables the button', async () => {
    await startBot();
    const id = fake.slash('askname', { delay: 500 });
    await waitFor('the question', () => fake.interaction(id).edits.length === 1, 5_000);
    const record = fake.interaction(id);
    expect(record.callback!.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(record.edits[0]!.body.content).toBe('What is your name?');
    const question = record.original!;
    const button = rowsOf(question)[0]!.components[0]!;
    expect(button).toMatchObject({ label: 'Answer', disabled: false });
    const where = { id: question.id, channelId: question.channel_id };

    const stranger = fake.click(where, button.custom_id, { author: fake.world.users.maya });
    await waitFor('the stranger told off', () => fake.interaction(stranger).callback !== null);
    expect(fake.interaction(stranger).callback!.data).toMatchObject({ flags: MessageFlags.Ephemeral });

    const click = fake.click(where, button.custom_id);
    await waitFor('the modal', () => fake.interaction(click).callback !== null);
    expect(fake.interaction(click).callback!.type).toBe(InteractionResponseType.Modal);
    const submit = fake.submitModal(click, { answer: 'Pat' });
    await waitFor('the replies', () => fake.interaction(id).followUps.length === 2, 5_000);
    expect(fake.interaction(id).followUps.map((f) => f.body.content)).toEqual(['hello Pat', 'and welcome']);
    // the submit updated the question: its button is disabled in the stored message
    expect(fake.interaction(submit).callback!.type).toBe(InteractionResponseType.UpdateMessage);
    expect(rowsOf(stored(question.id))[0]!.components[0]!.disabled).toBe(true);
  });

  it('can still be answered by typing in the channel; a late modal answers nothing', async () => {
    await startBot();
    const id = fake.slash('askname', { delay: 500 });
    await waitFor('the question', () => fake.interaction(id).edits.length === 1, 5_000);
    const question = fake.interaction(id).original!;
    const button = rowsOf(question)[0]!.components[0]!;
    const click = fake.click({ id: question.id, channelId: question.channel_id }, button.custom_id);
    await waitFor('the modal', () => fake.interaction(click).callback !== null);
    fake.say('Typed Pat');
    await waitFor('the replies', () => fake.interaction(id).followUps.length === 2, 5_000);
    expect(fake.interaction(id).followUps[0]!.body.content).toBe('hello Typed Pat');
    await waitFor(
      'the button disabled',
      () => rowsOf(stored(question.id))[0]!.components[0]!.disabled === true,
    );
    const late = fake.submitModal(click, { answer: 'Too late' });
    await waitFor('the late notice', () => fake.interaction(late).callback !== null);
    expect(fake.interaction(late).callback!.data).toMatchObject({
      flags: MessageFlags.Ephemeral,
      content: expect.stringMatching(/no longer asked/),
    });
  });

  it('an unanswered "Answer" button is disabled when the question times out', async () => {
    await startBot();
    const id = fake.slash('askname', { delay: 500 });
    await waitFor('the question', () => fake.interaction(id).edits.length === 1, 5_000);
    const question = fake.interaction(id).original!;
    await waitFor(
      'the button disabled',
      () => rowsOf(stored(question.id))[0]?.components[0]?.disabled === true,
      8_000,
    );
    // the stop notice goes to the invoker only
    await waitFor('the stop notice', () => fake.interaction(id).followUps.length === 1);
    expect(fake.interaction(id).followUps[0]!.body).toMatchObject({ flags: MessageFlags.Ephemeral });
  });
});

describe('choices on interaction messages', () => {
  it('are disabled by editing the interaction reply when nobody answers in time', async () => {
    await startBot();
    const id = fake.slash('pickfast');
    await waitFor('the prompt', () => fake.interaction(id).original !== null);
    const original = fake.interaction(id).original!;
    expect(rowsOf(original)[0]!.components.map((c) => c.disabled)).toEqual([false, false]);
    await waitFor('the buttons disabled', () => fake.interaction(id).edits.length > 0, 5_000);
    expect(fake.interaction(id).edits.at(-1)!.body.components).toBeDefined();
    expect(rowsOf(stored(original.id))[0]!.components.map((c) => c.disabled)).toEqual([true, true]);
    expect(() =>
      fake.click(
        { id: original.id, channelId: original.channel_id },
        rowsOf(original)[0]!.components[0]!.custom_id,
      ),
    ).toThrow(/disabled/);
  });

  it('a follow-up choice is disabled by its answer, and stays answered (no expiry edit later)', async () => {
    await startBot();
    const id = fake.slash('picklate');
    await waitFor('the prompt', () => fake.interaction(id).followUps.length === 1);
    const prompt = fake.interaction(id).followUps[0]!.message;
    const row = rowsOf(prompt)[0]!;
    expect(row.components.map((c) => c.label)).toEqual(['tea', 'coffee']);
    fake.click({ id: prompt.id, channelId: prompt.channel_id }, row.components[1]!.custom_id);
    await waitFor('the answer', () => fake.interaction(id).followUps.length === 2);
    expect(fake.interaction(id).followUps[1]!.body.content).toBe('picked coffee');
    expect(rowsOf(stored(prompt.id))[0]!.components.every((c) => c.disabled)).toBe(true);
    expect(fake.interaction(id).edits.filter((e) => e.body.message_id === prompt.id)).toEqual([]);
  });
});

describe('loop mode from a slash command', () => {
  it('sends every round as a follow-up until /cancel stops it', async () => {
    const bot = await startBot();
    const id = fake.slash('tick');
    await waitFor('three rounds', () => fake.interaction(id).followUps.length >= 2, 5_000);
    expect(fake.interaction(id).callback!.data!.content).toBe('tick 1');
    const running = bot.bot.commands.executor.list().find((i) => i.command === 'tick')!;
    expect(running.state).toBe('looping');
    const cancel = fake.slash('cancel', { id: running.id });
    await waitFor('the cancel answer', () => fake.interaction(cancel).callback !== null);
    expect(fake.interaction(cancel).callback!.data!.content).toBe(`Cancelling #${running.id} (tick).`);
    await waitFor('the loop gone', () => bot.bot.commands.executor.list().length === 0, 5_000);
    const count = fake.interaction(id).followUps.length;
    await new Promise((r) => setTimeout(r, 500));
    expect(fake.interaction(id).followUps.length).toBe(count);
    const ticks = texts(id).filter((t) => t.startsWith('tick'));
    expect(ticks).toEqual(ticks.map((_, i) => `tick ${i + 1}`));
  });
});

describe('the local server checks modals like Discord', () => {
  it('refuses follow-ups after a modal, a modal answering a modal submit, a second submit', async () => {
    await startBot();
    const id = fake.slash('askname');
    await waitFor('the modal', () => fake.interaction(id).callback !== null);
    const record = fake.interaction(id);
    expect(() => fake.interactions.followUp(fake.world.bot.id, record.token, { content: 'x' })).toThrow(
      /Unknown Webhook/,
    );
    const submit = fake.submitModal(id, { answer: 'Pat' });
    expect(() => fake.submitModal(id, { answer: 'again' })).toThrow(/submitted already/);
    const submitted = fake.interaction(submit);
    expect(() =>
      fake.interactions.callback(submit, submitted.token, {
        type: InteractionResponseType.Modal,
        data: record.modal!.raw,
      }),
    ).toThrow(/not valid/);
    await waitFor('the replies', () => fake.interaction(submit).callback !== null);
  });
});
