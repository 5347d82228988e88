import {
  ApplicationCommandOptionType,
  GuildMember,
  MessageFlags,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type Client,
  type MessageComponentInteraction,
  type ModalSubmitInteraction,
} from 'discord.js';
import type { Command } from '../../../cmdsys/api/command';
import type { Config } from '../../../config/schema';
import type { Logger } from '../../../logging/logging';
import { quoteArgument } from '../../../text/tokenizer';
import type { IncomingMessage, Outgoing } from '../../types';
import { DISCORD_ADAPTER_ID } from '../message-mapping';
import { componentsOf, disabledRows, parseChoiceClick } from '../rich-replies';
import { discordRank, rankInputsOf } from '../ranks';
import { deriveSlashCommands, type DerivedCommands, type RefusedCommand, type SlashTarget } from './derive';
import { suggestionsFor } from './autocomplete';
import { ANSWER_INPUT, answerRow, askCustomId, askModal, parseAskId } from './ask-modal';
import { InteractionReplies, type RepliableInteraction } from './interaction-replies';
import { PendingAsks } from './pending-asks';
import { checkUploadSize, uploadLimitFor } from '../upload-limit';
import { syncScope, type SyncReport } from './sync';

/** Interaction tokens are valid for 15 minutes; replies after that go to the channel. */
const TOKEN_LIFETIME_MS = 15 * 60_000;

/** The loaded commands and their reloads (slash commands are derived from them). */
export interface CommandCatalog {
  list(): readonly Command[];
  /** Called after every reload; returns the unsubscribe function. */
  onReload(listener: () => void): () => void;
}

export interface SlashCommandsDeps {
  config: () => Readonly<Config>;
  commands: () => readonly Command[];
  logger: () => Logger;
  /** Hands the message to the pipeline; resolves when the command settled or waits for input. */
  deliver: (msg: IncomingMessage) => void | Promise<void>;
  /** A question message was answered (its expiry can be dropped). */
  answered?: (messageId: string) => void;
  /** Disables a question message's components after `timeoutMs` unless answered first. */
  watch?: (messageId: string, timeoutMs: number, disable: () => Promise<unknown>) => void;
}

interface Session {
  replies: InteractionReplies;
  timer: NodeJS.Timeout;
  /** The command's name as typed (`/factoid add`), the title of its questions. */
  title: string;
  /** The most one answer may upload (Discord tells it with the interaction). */
  uploadLimit: number;
}

const SOMEONE_ELSE = 'This question is for someone else.';
const NOT_PENDING = 'This question was answered already or is no longer asked.';

/** The last sync: what was registered where and what was refused. */
export interface SlashStatus {
  reports: SyncReport[];
  refused: RefusedCommand[];
}

/**
 * Slash commands for the Discord adapter: derives application commands from the loaded
 * commands, keeps Discord's registration in line (on connect and after reloads), turns a
 * slash invocation into an IncomingMessage for the same pipeline, and routes the command's
 * responses back to the interaction.
 */
export class SlashCommands {
  private derived: DerivedCommands = { bodies: [], targets: new Map(), refused: [] };
  private readonly sessions = new Map<string, Session>();
  private readonly asks = new PendingAsks();
  private syncing: Promise<void> = Promise.resolve();
  last: SlashStatus = { reports: [], refused: [] };

  constructor(private readonly deps: SlashCommandsDeps) {}

  /** Re-derives and syncs (queued: one sync at a time); errors are logged, never thrown. */
  sync(client: Client): Promise<void> {
    this.syncing = this.syncing.then(() => this.doSync(client));
    return this.syncing;
  }

  private async doSync(client: Client): Promise<void> {
    const config = this.deps.config();
    if (!config.discord.commands.enabled || !client.isReady()) return;
    const log = this.deps.logger();
    this.derived = deriveSlashCommands(this.deps.commands(), {
      adminRank: config.discord.adminRank,
      manageGuildRank: config.discord.manageGuildRank,
      defaultRank: config.ranks.default,
    });
    for (const r of this.derived.refused)
      log.warn(
        { command: r.command, reason: r.reason },
        `"${r.command}" is not offered as a slash command: ${r.reason}`,
      );
    const appId = client.application.id;
    const { scope, guilds } = config.discord.commands;
    const targets =
      scope === 'global' ? [null] : guilds.length > 0 ? guilds : [...client.guilds.cache.keys()];
    const reports: SyncReport[] = [];
    for (const guildId of targets) {
      try {
        const report = await syncScope(client.rest, appId, guildId, this.derived.bodies);
        reports.push(report);
        const changed = report.created.length + report.updated.length + report.deleted.length;
        log.info(
          { ...report },
          changed === 0
            ? `slash commands (${report.scope}) up to date: ${report.unchanged}`
            : `slash commands (${report.scope}) synced: ${report.created.length} new, ${report.updated.length} changed, ${report.deleted.length} removed`,
        );
      } catch (err) {
        log.error(
          { err, scope: guildId ?? 'global' },
          `registering slash commands failed: ${(err as Error).message}`,
        );
      }
    }
    this.last = { reports, refused: this.derived.refused };
  }

  /** Handles a slash command invocation: into the pipeline, answers through the interaction. */
  async invoke(client: Client, interaction: ChatInputCommandInteraction): Promise<void> {
    const config = this.deps.config();
    const sub = interaction.options.getSubcommand(false);
    const key = sub ? `${interaction.commandName} ${sub}` : interaction.commandName;
    const target = this.derived.targets.get(key);
    const replies = this.repliesFor(interaction);
    const timer = setTimeout(() => this.end(interaction.id), TOKEN_LIFETIME_MS);
    timer.unref();
    const uploadLimit =
      interaction.attachmentSizeLimit ?? uploadLimitFor(interaction.guild?.premiumTier ?? null);
    this.sessions.set(interaction.id, { replies, timer, title: `/${key}`, uploadLimit });
    if (!target) {
      await replies.send({
        channel: { id: interaction.channelId, name: '' },
        text: `/${key} is not a command of this bot any more.`,
        isError: true,
      });
      this.end(interaction.id);
      return;
    }
    const msg = this.toIncoming(interaction, this.lineOf(interaction, target), 'slash', config);
    try {
      await this.deps.deliver(msg);
      await replies.finish();
    } catch (err) {
      this.deps.logger().error({ err, interaction: interaction.id }, 'handling a slash command failed');
    }
  }

  /**
   * A click on a choice the bot sent: only the asker's counts (others are told so, privately);
   * the buttons are disabled and the pick goes to the waiting command as its answer.
   * Returns false when the component is not one of ours.
   */
  async click(interaction: MessageComponentInteraction): Promise<boolean> {
    const ask = parseAskId(interaction.customId);
    if (ask) {
      await this.openAsk(interaction, ask.ownerId, ask.key);
      return true;
    }
    const parsed = parseChoiceClick(
      interaction.customId,
      interaction.isStringSelectMenu() ? interaction.values : null,
    );
    if (!parsed) return false;
    try {
      if (interaction.user.id !== parsed.ownerId) {
        await interaction.reply({ content: SOMEONE_ELSE, flags: MessageFlags.Ephemeral });
        return true;
      }
      await interaction.update({ components: disabledRows(interaction.message) });
      this.deps.answered?.(interaction.message.id);
      const msg = this.toIncoming(interaction, String(parsed.index + 1), 'component', this.deps.config());
      await this.deps.deliver(msg);
    } catch (err) {
      this.deps.logger().warn({ err, interaction: interaction.id }, 'handling a choice click failed');
    }
    return true;
  }

  /** Answers Discord's autocomplete request for the option being typed (no suggestions on errors). */
  async autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const sub = interaction.options.getSubcommand(false);
    const target = this.derived.targets.get(
      sub ? `${interaction.commandName} ${sub}` : interaction.commandName,
    );
    const focused = interaction.options.getFocused(true);
    const arg = target?.options.find((o) => o.option === focused.name)?.argument;
    let suggestions: { name: string; value: string }[] = [];
    try {
      if (arg) suggestions = await suggestionsFor(arg, String(focused.value));
    } catch (err) {
      this.deps
        .logger()
        .warn({ err, option: focused.name }, `autocomplete failed: ${(err as Error).message}`);
    }
    try {
      await interaction.respond(suggestions);
    } catch (err) {
      this.deps.logger().debug({ err }, 'answering an autocomplete request failed');
    }
  }

  /**
   * Whether `out` answers a live interaction; then it is sent through it. After a modal was
   * the interaction's answer (and before it is submitted) it goes to the channel instead.
   */
  send(out: Outgoing): Promise<void> | null {
    const session = out.replyTo ? this.sessions.get(out.replyTo) : undefined;
    if (!session?.replies.usable) return null;
    try {
      checkUploadSize(out.files, session.uploadLimit);
    } catch (err) {
      return Promise.reject(err);
    }
    if (out.ask) return this.ask(session, out.replyTo!, out, out.ask.timeoutMs);
    const choices = out.choices;
    return session.replies.send(out).then((sent) => {
      if (sent && choices)
        this.deps.watch?.(sent.messageId, choices.timeoutMs, () =>
          sent.setComponents(componentsOf(choices, true)),
        );
    });
  }

  /**
   * ask() from a slash command: a modal when the interaction is still unanswered (Discord only
   * allows one as the first answer), else a message with an "Answer" button opening it.
   * Typing the answer in the channel works too (the ask() mechanism).
   */
  private async ask(session: Session, sessionId: string, out: Outgoing, timeoutMs: number): Promise<void> {
    const ask = this.asks.add(
      {
        ownerId: out.ask!.ownerId,
        prompt: out.text,
        title: session.title,
        sessionId,
        channelId: out.channel.id,
      },
      timeoutMs,
    );
    const customId = askCustomId(ask.ownerId, ask.key);
    if (await session.replies.showModal(askModal(ask.prompt, customId, ask.title))) return;
    const sent = await session.replies.send(out, answerRow(customId));
    if (!sent) return;
    ask.messageId = sent.messageId;
    ask.disable = () => sent.setComponents(answerRow(customId, true));
    this.deps.watch?.(sent.messageId, timeoutMs, ask.disable);
  }

  /**
   * A message from `authorId` in `channelId`: when one of their questions waits there, the
   * message answers it (the ask() mechanism), so its "Answer" button is disabled.
   */
  typed(authorId: string, channelId: string): void {
    const ask = this.asks.takeNewest(authorId, channelId);
    if (!ask?.messageId) return;
    this.deps.answered?.(ask.messageId);
    ask
      .disable?.()
      .catch((err: unknown) =>
        this.deps.logger().debug({ err, message: ask.messageId }, 'could not disable an answered question'),
      );
  }

  /** A click on an "Answer" button: the asker gets the modal, anyone else a private no. */
  private async openAsk(
    interaction: MessageComponentInteraction,
    ownerId: string,
    key: string,
  ): Promise<void> {
    try {
      const ask = this.asks.get(key);
      if (interaction.user.id !== ownerId)
        await interaction.reply({ content: SOMEONE_ELSE, flags: MessageFlags.Ephemeral });
      else if (!ask) await interaction.reply({ content: NOT_PENDING, flags: MessageFlags.Ephemeral });
      else await interaction.showModal(askModal(ask.prompt, interaction.customId, ask.title));
    } catch (err) {
      this.deps.logger().warn({ err, interaction: interaction.id }, 'opening a question failed');
    }
  }

  /**
   * A submitted question modal: its text answers the waiting command. When the modal was the
   * slash command's first answer, the submit's interaction carries the command's next replies;
   * when it came from an "Answer" button, that button is disabled.
   */
  async modalSubmit(interaction: ModalSubmitInteraction): Promise<boolean> {
    const parsed = parseAskId(interaction.customId);
    if (!parsed) return false;
    try {
      const ask = this.asks.take(parsed.key);
      if (!ask || ask.ownerId !== interaction.user.id) {
        await interaction.reply({ content: NOT_PENDING, flags: MessageFlags.Ephemeral });
        return true;
      }
      const text = interaction.fields.getTextInputValue(ANSWER_INPUT);
      const session = this.sessions.get(ask.sessionId);
      let replies: InteractionReplies | null = null;
      if (ask.messageId === null) {
        replies = this.repliesFor(interaction);
        session?.replies.dispose();
        if (session) session.replies = replies;
      } else {
        this.deps.answered?.(ask.messageId);
        if (interaction.isFromMessage())
          await interaction.update({ components: answerRow(interaction.customId, true) });
        else await interaction.deferUpdate();
      }
      await this.deps.deliver(this.toIncoming(interaction, text, 'component', this.deps.config()));
      await replies?.finish();
    } catch (err) {
      this.deps.logger().warn({ err, interaction: interaction.id }, 'handling an answer modal failed');
    }
    return true;
  }

  /** The adapter stopped: pending deferrals and questions are dropped. */
  clear(): void {
    for (const id of [...this.sessions.keys()]) this.end(id);
    this.asks.clear();
  }

  private repliesFor(interaction: RepliableInteraction): InteractionReplies {
    return new InteractionReplies(interaction, this.deps.config().discord.commands.deferAfterMs, (err) =>
      this.deps.logger().warn({ err, interaction: interaction.id }, 'deferring an interaction reply failed'),
    );
  }

  private end(id: string): void {
    const session = this.sessions.get(id);
    if (!session) return;
    session.replies.dispose();
    clearTimeout(session.timer);
    this.sessions.delete(id);
  }

  /** The chat line the slash command stands for: `[module] name arg…`, each argument quoted. */
  private lineOf(interaction: ChatInputCommandInteraction, target: SlashTarget): string {
    const words = [...target.words];
    for (const { option } of target.options) {
      const given = interaction.options.get(option);
      if (!given || given.value === undefined) continue;
      let text: string;
      if (given.type === ApplicationCommandOptionType.User) text = `<@${String(given.value)}>`;
      else if (given.type === ApplicationCommandOptionType.Channel) text = `<#${String(given.value)}>`;
      else if (given.type === ApplicationCommandOptionType.Boolean) text = given.value ? 'yes' : 'no';
      else text = String(given.value);
      words.push(quoteArgument(text));
    }
    return words.join(' ');
  }

  private toIncoming(
    interaction: ChatInputCommandInteraction | MessageComponentInteraction | ModalSubmitInteraction,
    text: string,
    source: 'slash' | 'component',
    config: Readonly<Config>,
  ): IncomingMessage {
    const guild = interaction.guild;
    const user = interaction.user;
    const given = interaction.member instanceof GuildMember ? interaction.member : null;
    const member = guild ? (guild.members.cache.get(user.id) ?? given) : null;
    const channel = interaction.channel;
    const channelName =
      channel && 'name' in channel && typeof channel.name === 'string' ? channel.name : 'DM';
    return {
      id: interaction.id,
      network: 'discord',
      adapterId: DISCORD_ADAPTER_ID,
      source,
      text,
      author: {
        id: user.id,
        name: user.username,
        displayName: member?.displayName ?? user.displayName,
        mention: `<@${user.id}>`,
      },
      channel: { id: interaction.channelId ?? '', name: channelName },
      guild: guild ? { id: guild.id, name: guild.name } : null,
      isPrivate: !interaction.inGuild(),
      mentionsBot: false,
      rank: discordRank(rankInputsOf(user.id, member), config),
      attachments: [],
      receivedAt: Date.now(),
      native: interaction,
    };
  }
}
