import {
  ApplicationCommandOptionType,
  GuildMember,
  MessageFlags,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type Client,
  type MessageComponentInteraction,
} from 'discord.js';
import type { Command } from '../../../cmdsys/api/command';
import type { Config } from '../../../config/schema';
import type { Logger } from '../../../logging/logging';
import { quoteArgument } from '../../../text/tokenizer';
import type { IncomingMessage, Outgoing } from '../../types';
import { DISCORD_ADAPTER_ID } from '../message-mapping';
import { disabledRows, parseChoiceClick } from '../rich-replies';
import { discordRank, rankInputsOf } from '../ranks';
import { deriveSlashCommands, type DerivedCommands, type RefusedCommand, type SlashTarget } from './derive';
import { suggestionsFor } from './autocomplete';
import { InteractionReplies } from './interaction-replies';
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
  /** A choice message was answered (its expiry can be dropped). */
  answered?: (messageId: string) => void;
}

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
  private readonly sessions = new Map<string, { replies: InteractionReplies; timer: NodeJS.Timeout }>();
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
    const replies = new InteractionReplies(interaction, config.discord.commands.deferAfterMs, (err) =>
      this.deps.logger().warn({ err, interaction: interaction.id }, 'deferring a slash command failed'),
    );
    const timer = setTimeout(() => this.end(interaction.id), TOKEN_LIFETIME_MS);
    timer.unref();
    this.sessions.set(interaction.id, { replies, timer });
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
    const parsed = parseChoiceClick(
      interaction.customId,
      interaction.isStringSelectMenu() ? interaction.values : null,
    );
    if (!parsed) return false;
    try {
      if (interaction.user.id !== parsed.ownerId) {
        await interaction.reply({
          content: 'This question is for someone else.',
          flags: MessageFlags.Ephemeral,
        });
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

  /** Whether `out` answers a live interaction; then it is sent through it. */
  send(out: Outgoing): Promise<void> | null {
    const session = out.replyTo ? this.sessions.get(out.replyTo) : undefined;
    return session ? session.replies.send(out) : null;
  }

  /** The adapter stopped: pending deferrals are dropped. */
  clear(): void {
    for (const id of [...this.sessions.keys()]) this.end(id);
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
    interaction: ChatInputCommandInteraction | MessageComponentInteraction,
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
      channel: { id: interaction.channelId, name: channelName },
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
