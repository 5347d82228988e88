import { AttachmentBuilder, MessageFlags, type InteractionReplyOptions } from 'discord.js';
import type { Outgoing } from '../../types';
import { allowedMentions } from '../client-options';
import { componentsOf, embedOf } from '../rich-replies';

/** The parts of a discord.js repliable interaction the replies use (a fake fits in unit tests). */
export interface RepliableInteraction {
  readonly id: string;
  reply(options: InteractionReplyOptions): Promise<unknown>;
  deferReply(options?: { flags?: MessageFlags.Ephemeral }): Promise<unknown>;
  editReply(
    options: Pick<InteractionReplyOptions, 'content' | 'files' | 'embeds' | 'components'>,
  ): Promise<unknown>;
  followUp(options: InteractionReplyOptions): Promise<unknown>;
  deleteReply(): Promise<unknown>;
}

type Stage = 'fresh' | 'deferred' | 'answered';

/** How long after the command settled an interaction with no answer yet gets "Done.". */
const FINISH_GRACE_MS = 250;

/**
 * Turns a command's responses into an interaction's answers, in order: the first becomes the
 * interaction reply (or fills a deferred reply), later ones are follow-ups. A command that has
 * said nothing after `deferAfterMs` is deferred, so Discord's 3-second window never closes on
 * it. Error reports go only to the invoker (ephemeral) where Discord allows it.
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

  /** Sends one Outgoing (already split to 2000 characters) as the reply or a follow-up. */
  send(out: Outgoing): Promise<void> {
    return this.enqueue(async () => {
      this.cancelDefer();
      const ephemeral = out.isError === true;
      const files = out.files?.map((f) => new AttachmentBuilder(Buffer.from(f.data), { name: f.name }));
      const body: InteractionReplyOptions = {
        allowedMentions: allowedMentions(),
        ...(out.text !== '' ? { content: out.text } : {}),
        ...(files?.length ? { files } : {}),
        ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
        ...(out.card ? { embeds: [embedOf(out.card)] } : {}),
        ...(out.choices ? { components: componentsOf(out.choices) } : {}),
      };
      if (this.stage === 'fresh') {
        await this.interaction.reply(body);
        this.stage = 'answered';
      } else if (this.stage === 'deferred' && !ephemeral) {
        const { flags: _flags, allowedMentions: _mentions, ...edit } = body;
        await this.interaction.editReply({ content: '', ...edit });
        this.stage = 'answered';
      } else if (this.stage === 'deferred') {
        // a deferred reply cannot become ephemeral: the error goes out as an ephemeral
        // follow-up and the public "thinking…" placeholder is removed
        await this.interaction.followUp(body);
        await this.interaction.deleteReply();
        this.stage = 'answered';
      } else {
        await this.interaction.followUp(body);
      }
      this.said = true;
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

  private enqueue(step: () => Promise<void>): Promise<void> {
    const next = this.chain.then(step);
    this.chain = next.catch(() => undefined);
    return next;
  }
}
