import {
  MessageFlags,
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIModalInteractionResponseCallbackData,
  type ChatInputCommandInteraction,
  type InteractionReplyOptions,
  type ModalSubmitInteraction,
} from 'discord.js';
import type { Outgoing } from '../../types';
import { allowedMentions } from '../client-options';
import { payloadWithFiles } from '../outgoing';
import { componentsOf, embedOf } from '../rich-replies';

/** The interactions whose answers these are: a slash command, or a modal submitted for one. */
export type RepliableInteraction = ChatInputCommandInteraction | ModalSubmitInteraction;

type Rows = APIActionRowComponent<APIComponentInMessageActionRow>[];
type Stage = 'fresh' | 'deferred' | 'answered' | 'modal';

/** A message sent through the interaction, whose components can be replaced later. */
export interface SentReply {
  messageId: string;
  setComponents(rows: Rows): Promise<unknown>;
}

/** How long after the command settled an interaction with no answer yet gets "Done.". */
const FINISH_GRACE_MS = 250;

/**
 * Turns a command's responses into an interaction's answers, in order: the first becomes the
 * interaction reply (or fills a deferred reply), later ones are follow-ups. A command that has
 * said nothing after `deferAfterMs` is deferred, so Discord's 3-second window never closes on
 * it. Error reports go only to the invoker (ephemeral) where Discord allows it. A question may
 * be the first answer as a modal; the interaction then takes no more messages.
 */
export class InteractionReplies {
  private stage: Stage = 'fresh';
  private chain: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  /** Something visible was sent (a deferred "thinking…" alone does not count). */
  private said = false;

  constructor(
    private readonly interaction: RepliableInteraction,
    deferAfterMs: number,
    private readonly onError: (err: unknown) => void,
  ) {
    this.timer = setTimeout(() => {
      this.timer = null;
      this.enqueue(async () => {
        if (this.stage !== 'fresh') return;
        await this.interaction.deferReply();
        this.stage = 'deferred';
      }).catch(this.onError);
    }, deferAfterMs);
    this.timer.unref();
  }

  get answered(): boolean {
    return this.said;
  }

  /** False once a modal answered the interaction: Discord takes no messages on it then. */
  get usable(): boolean {
    return this.stage !== 'modal';
  }

  /**
   * Shows `modal` as the interaction's first answer. False (nothing shown) when the
   * interaction was answered or deferred already, or cannot take a modal.
   */
  showModal(modal: APIModalInteractionResponseCallbackData): Promise<boolean> {
    return this.enqueue(async () => {
      if (this.stage !== 'fresh' || !this.interaction.isChatInputCommand()) return false;
      this.cancelDefer();
      await this.interaction.showModal(modal);
      this.stage = 'modal';
      return true;
    });
  }

  /**
   * Sends one Outgoing (already split to 2000 characters) as the reply or a follow-up, with
   * `components` (default: the choice buttons). Resolves with the message when it has
   * components (so they can be disabled later), else null.
   */
  send(out: Outgoing, components?: Rows): Promise<SentReply | null> {
    return this.enqueue(async () => {
      this.cancelDefer();
      const ephemeral = out.isError === true;
      const rows = components ?? (out.choices ? componentsOf(out.choices) : undefined);
      const body: InteractionReplyOptions = {
        allowedMentions: allowedMentions(),
        ...(out.text !== '' ? { content: out.text } : {}),
        ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
        ...(out.card ? { embeds: [embedOf(out.card)] } : {}),
        ...(rows ? { components: rows } : {}),
      };
      const files = out.files?.length ? out.files : null;
      const interaction = this.interaction;
      let messageId: string | null = null;
      let original = false;
      if (this.stage === 'fresh') {
        if (files) await interaction.reply(payloadWithFiles(interaction, body, files));
        else {
          const response = await interaction.reply({ ...body, withResponse: true });
          messageId = response.resource?.message?.id ?? null;
        }
        original = true;
        this.stage = 'answered';
      } else if (this.stage === 'deferred' && !ephemeral) {
        const { flags: _flags, allowedMentions: _mentions, ...edit } = body;
        const options = { content: '', ...edit };
        const message = await interaction.editReply(
          files ? payloadWithFiles(interaction.webhook, options, files) : options,
        );
        messageId = message.id;
        original = true;
        this.stage = 'answered';
      } else if (this.stage === 'deferred') {
        // a deferred reply cannot become ephemeral: the error goes out as an ephemeral
        // follow-up and the public "thinking…" placeholder is removed
        await interaction.followUp(files ? payloadWithFiles(interaction.webhook, body, files) : body);
        await interaction.deleteReply();
        this.stage = 'answered';
      } else if (this.stage === 'answered') {
        const message = await interaction.followUp(
          files ? payloadWithFiles(interaction.webhook, body, files) : body,
        );
        messageId = message.id;
      } else throw new Error('the interaction was answered with a modal; it takes no messages');
      this.said = true;
      if (!rows) return null;
      if (messageId === null && !original) return null;
      if (messageId === null) messageId = (await interaction.fetchReply()).id;
      const id = messageId;
      return {
        messageId: id,
        setComponents: (next: Rows) =>
          interaction.editReply(original ? { components: next } : { message: id, components: next }),
      };
    });
  }

  /**
   * The command finished (or waits for input). When it said nothing, the interaction still
   * needs an answer: a short ephemeral note, or the deferred reply filled with it.
   */
  async finish(): Promise<void> {
    // a command that settles because it waits for input (ask, choose) sends its prompt right
    // after; give that a moment to be queued before deciding nothing was said
    await new Promise((resolve) => setTimeout(resolve, FINISH_GRACE_MS).unref());
    return this.enqueue(async () => {
      this.cancelDefer();
      if (this.said) return;
      if (this.stage === 'fresh') {
        await this.interaction.reply({ content: 'Done.', flags: MessageFlags.Ephemeral });
        this.stage = 'answered';
      } else if (this.stage === 'deferred') {
        await this.interaction.editReply({ content: 'Done.' });
        this.stage = 'answered';
      }
    });
  }

  /** Stops the pending deferral (the adapter is stopping). */
  dispose(): void {
    this.cancelDefer();
  }

  private cancelDefer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private enqueue<T>(step: () => Promise<T>): Promise<T> {
    const next = this.chain.then(step);
    this.chain = next.catch(() => undefined);
    return next;
  }
}
