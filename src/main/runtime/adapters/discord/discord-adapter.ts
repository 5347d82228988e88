import type { Channel, Client, Interaction, Message } from 'discord.js';
import type { DiscordShardStatus } from '../../../../shared/dto/discord-shards';
import type { AdapterStatus } from '../../../../shared/dto/status';
import type { AudioOutput, VoiceCapable } from '../../audio/output/audio-output';
import type { ArgumentResolver } from '../../cmdsys/api/refs';
import type { Adapter, AdapterContext, ChannelRef, IncomingMessage, MessageLimits, Outgoing } from '../types';
import { userMentions } from './message-mapping';
import { payloadWithFiles, toMessageOptions } from './outgoing';
import { createResolver } from './resolver';
import { resolveWritableChannel } from './writable-channel';
import type { SlashCommands } from './slash/slash-commands';
import { disabledRows } from './rich-replies';
import { checkUploadSize, uploadLimitFor } from './upload-limit';
import type { MemberFetchScheduler } from './sharding/member-scheduler';
import type { ShardPlan } from './sharding/shard-plan';
import { DiscordClientEvents } from './discord-client-events';

type Addressing = { names: string[]; mentions: string[] };

export type { DiscordAdapterOptions } from './discord-adapter-options';

/**
 * The Discord network through discord.js 14: gateway events become IncomingMessages for the
 * pipeline, Outgoing replies become channel messages. Connecting happens in the background:
 * start() returns at once, progress and failures show in status() and the log, and the bot
 * (console included) keeps running whatever Discord does. Fatal failures (bad token, privileged
 * intents not enabled) are explained and not retried; transient ones back off. *
 * The class is layered over several files: DiscordConnection (state, connection lifecycle),
 * DiscordClientEvents (client events, incoming messages) and this file (the Adapter API,
 * outgoing messages, voice).
 */
export class DiscordAdapter extends DiscordClientEvents implements Adapter, VoiceCapable {
  private readonly addressingMemo = new Map<
    string,
    { name: string; userId: string; role: string | null; value: Addressing }
  >();
  readonly limits: MessageLimits = { maxChars: 2000, maxBytes: null };
  readonly richReplies = true;

  /** The discord.js Client while connected or connecting, else null. */
  get native(): Client | null {
    return this.client;
  }

  attach(ctx: AdapterContext): void {
    this.ctx = ctx;
    this.logger = ctx.logging.child('adapter:discord');
    // commands changed: registration follows (only what changed is written)
    this.catalog?.onReload(() => {
      if (this.client?.isReady()) void this.slash?.sync(this.client);
    });
    ctx.config.onChange(({ paths }) => {
      if (paths.some((p) => p.startsWith('discord.presence'))) this.applyPresence();
    });
  }

  /** The last slash command sync (what was registered, what was refused), or null when off. */
  slashStatus(): SlashCommands['last'] | null {
    return this.slash?.last ?? null;
  }

  /** Waits for any slash command sync under way. */
  slashSynced(): Promise<void> {
    return this.slash?.sync(this.client!) ?? Promise.resolve();
  }

  status(): AdapterStatus {
    const client = this.client;
    const ping = client?.ws.ping ?? -1;
    const guilds = client?.guilds.cache ?? null;
    return {
      id: this.id,
      network: this.network,
      label: client?.user ? `Discord (${client.user.tag})` : 'Discord',
      state: this.state,
      latencyMs: this.connected && ping >= 0 ? ping : null,
      guilds: guilds?.size ?? 0,
      channels: guilds ? guilds.reduce((n, g) => n + g.channels.cache.size, 0) : 0,
      reconnects: this.reconnects,
      lastError: this.lastError,
      rateLimits: this.rateLimits.counts,
      sharding: this.sharding.status(client),
    };
  }

  /** Per-shard state, ping, guild count, events/s and queued member requests (for the panel). */
  shardStatus(): DiscordShardStatus[] {
    return this.sharding.shardStatus(this.client);
  }

  /** The shards the adapter runs now (null before it first connected). */
  get shards(): ShardPlan | null {
    return this.sharding.plan;
  }

  /** Member requests sent, failed and queued (over all shards). */
  get memberFetchStats(): MemberFetchScheduler['stats'] {
    return this.sharding.members.stats;
  }

  /**
   * How the bot is addressed where `msg` was said. The same object while the bot's name and role
   * there stay the same, so the pipeline's detection options (cached per addressing) are reused.
   */
  addressing(msg: IncomingMessage): Addressing {
    const user = this.client?.user;
    if (!user) return { names: [], mentions: [] };
    const guild = msg.guild ? this.client?.guilds.cache.get(msg.guild.id) : undefined;
    const role = guild ? this.memberPermissions.botRoleOf(guild, user.id) : null;
    const key = msg.guild?.id ?? '';
    const memo = this.addressingMemo.get(key);
    if (memo && memo.name === user.username && memo.userId === user.id && memo.role === role)
      return memo.value;
    const value = {
      names: [user.username],
      mentions: [...userMentions(user.id), ...(role ? [`<@&${role}>`] : [])],
    };
    if (this.addressingMemo.size >= 1000) this.addressingMemo.clear();
    this.addressingMemo.set(key, { name: user.username, userId: user.id, role, value });
    return value;
  }

  resolver(msg: IncomingMessage): ArgumentResolver {
    const client = this.client;
    const native = msg.native as Message | Interaction | null;
    if (!client || !native || msg.adapterId !== this.id) {
      return { resolveUser: async () => null, resolveChannel: async () => null };
    }
    const where =
      'author' in native
        ? { guild: native.guild, author: native.author, channelId: native.channelId }
        : { guild: native.guild, author: native.user, channelId: native.channelId ?? msg.channel.id };
    return createResolver(client, where, {
      canQueryMembers: this.membersIntent,
      schedule: (guild, run) => this.sharding.members.schedule(guild.shardId, 'waiting', run),
    });
  }

  /** A text channel of the guild the bot can write to (audit channels). */
  writableChannel(guildId: string, text: string): Promise<ChannelRef> {
    return resolveWritableChannel(this.client, guildId, text);
  }

  /** Sends one chunk (the response manager split it already) and/or files to the channel. */
  async send(out: Outgoing): Promise<void> {
    const viaInteraction = this.slash?.send(out);
    if (viaInteraction) return viaInteraction;
    if (out.text === '' && !out.files?.length && !out.card) return;
    this.forbidden.check(out.channel.id);
    const client = this.client;
    if (!client) return this.sendOverRest(out);
    let channel: Channel | null = null;
    try {
      channel = client.channels.cache.get(out.channel.id) ?? (await client.channels.fetch(out.channel.id));
      if (!channel?.isSendable()) throw new Error(`cannot send to Discord channel ${out.channel.id}`);
      const limit = uploadLimitFor(channel.isDMBased() ? null : channel.guild.premiumTier);
      this.uploadLimits.set(channel.id, limit);
      checkUploadSize(out.files, limit);
      const options = toMessageOptions(out, this.replies.referenceFor(out));
      const sent = await channel.send(
        out.files?.length ? payloadWithFiles(channel, options, out.files) : options,
      );
      if (out.choices)
        this.choiceExpiry.watch(sent.id, out.choices.timeoutMs, () =>
          sent.edit({ components: disabledRows(sent) }),
        );
    } catch (err) {
      const forbidden = this.forbidden.forbidden(err, client, channel, out);
      if (!forbidden) throw err;
      this.log().warn(
        { channel: out.channel.id, permissions: forbidden.permissions },
        `Discord refused a message in #${out.channel.name}: missing permission ${forbidden.permissions.join(', ')}; nothing more is sent there until permissions change`,
      );
      throw forbidden;
    }
  }

  private async sendOverRest(out: Outgoing): Promise<void> {
    const limit = this.uploadLimits.get(out.channel.id);
    if (limit !== undefined) checkUploadSize(out.files, limit);
    try {
      await this.restOnly.send(out, this.replies.referenceFor(out));
    } catch (err) {
      const forbidden = this.forbidden.forbidden(err, null, null, out);
      if (!forbidden) throw err;
      this.log().warn(
        { channel: out.channel.id, permissions: forbidden.permissions },
        `Discord refused a message: missing permission ${forbidden.permissions.join(', ')}`,
      );
      throw forbidden;
    }
  }

  // ---- voice (VoiceCapable) ----------------------------------------------------------------

  /** Joins a voice channel (see README, "Discord voice"); rejects with a clear reason. */
  joinVoice(guildId: string, channelId: string): Promise<AudioOutput> {
    return this.voice.join(guildId, channelId);
  }

  leaveVoice(guildId: string): Promise<void> {
    return this.voice.leave(guildId);
  }

  voiceChannelOf(guildId: string): string | null {
    return this.voice.channelOf(guildId);
  }
}
