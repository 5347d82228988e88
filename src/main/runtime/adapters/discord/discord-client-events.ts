import {
  Events,
  RESTEvents,
  type Client,
  type GatewayDispatchPayload,
  type Message,
  type Role,
} from 'discord.js';
import type { IncomingMessage } from '../types';
import { describeCloseCode } from './failures';
import { missingMessageFields, toIncomingMessage } from './message-mapping';
import { uploadLimitFor } from './upload-limit';
import { DiscordConnection } from './discord-connection';

/**
 * The Discord adapter's client events: ready, resume, reconnect and close of the gateway,
 * interactions, rate limits, counts, and incoming messages (malformed ones neutralised first).
 */
export abstract class DiscordClientEvents extends DiscordConnection {
  protected override bind(client: Client): void {
    const live = (): boolean => client === this.client;
    client.on(Events.ClientReady, (ready) => {
      if (!live()) return;
      this.markConnected();
      this.log().info(
        { user: ready.user.tag, guilds: ready.guilds.cache.size },
        `connected to Discord as ${ready.user.tag}`,
      );
      this.ctx?.events.trigger('ready', { adapterId: this.id, network: this.network });
      void this.slash?.sync(client);
      this.applyPresence();
    });
    client.on(Events.InteractionCreate, (interaction) => {
      if (!live() || !this.slash) return;
      if (interaction.isChatInputCommand()) void this.slash.invoke(client, interaction);
      else if (interaction.isMessageComponent()) void this.slash.click(interaction);
      else if (interaction.isAutocomplete()) void this.slash.autocomplete(interaction);
      else if (interaction.isModalSubmit()) void this.slash.modalSubmit(interaction);
    });
    client.on(Events.ShardReady, () => {
      // after a full reconnect (new session); the first one is announced by ClientReady
      if (live() && client.isReady()) this.markConnected();
    });
    client.on(Events.ShardResume, (_shard, replayed) => {
      if (!live()) return;
      this.log().info({ replayed }, 'Discord session resumed');
      this.markConnected();
    });
    client.on(Events.ShardReconnecting, () => {
      if (!live()) return;
      this.reconnects++;
      this.quickReconnects++;
      this.markDisconnected('connection to the Discord gateway lost');
      if (this.quickReconnects > this.options.maxQuickReconnects) {
        this.fail(client, {
          message: `Lost the Discord gateway ${this.quickReconnects} times in a row without getting back in.`,
          fatal: false,
          code: null,
        });
        return;
      }
      this.log().warn({ attempt: this.quickReconnects }, 'Discord gateway connection lost; reconnecting');
      this.setState('reconnecting');
    });
    client.on(Events.ShardDisconnect, (event, shardId) => {
      // only for close codes discord.js does not recover from
      if (!live()) return;
      this.lastCloseCode = event.code;
      if (event.code === 4011) return void this.reshard(client, shardId);
      const failure = describeCloseCode(event.code, { membersIntent: this.membersIntent }) ?? {
        message: `The Discord gateway closed the connection for good (close code ${event.code}).`,
        fatal: true,
        code: event.code,
      };
      this.fail(client, failure);
    });
    client.on(
      Events.Raw,
      (packet: GatewayDispatchPayload | { t?: unknown; d?: unknown; op?: unknown }, shardId: number) => {
        if (!live()) return;
        this.sharding.monitor.onEvent(shardId);
        this.guardPacket(packet);
      },
    );
    client.on(Events.MessageCreate, (message) => {
      if (!live()) return;
      this.onMessage(client, message);
    });
    // thousands of GUILD_CREATEs arrive at connect: one status update per 100 ms, not one each
    const counts = (): void => void (live() && this.countsChanged());
    client.on(Events.GuildCreate, counts);
    // permissions may have changed: channels that refused the bot get another chance
    const permissionsChanged = (): void => void (live() && this.forbidden.clear());
    client.on(Events.ChannelUpdate, permissionsChanged);
    client.on(Events.GuildRoleUpdate, permissionsChanged);
    client.on(Events.GuildMemberUpdate, permissionsChanged);
    client.on(Events.GuildDelete, counts);
    // a role's permissions (or whether it exists) changed: remembered member permissions are stale
    this.memberPermissions.clear();
    const rolesChanged = (role: Role): void =>
      void (live() && this.memberPermissions.forgetGuild(role.guild.id));
    client.on(Events.GuildRoleCreate, rolesChanged);
    client.on(Events.GuildRoleUpdate, rolesChanged);
    client.on(Events.GuildRoleDelete, rolesChanged);
    client.on(Events.GuildDelete, (guild) => this.memberPermissions.forgetGuild(guild.id));
    client.on(Events.ChannelCreate, counts);
    client.on(Events.ChannelDelete, counts);
    client.on(Events.Error, (err) => live() && this.log().error({ err }, 'discord.js error'));
    client.on(Events.ShardError, (err) => live() && this.log().warn({ err }, 'Discord gateway error'));
    client.on(Events.Warn, (message) => live() && this.log().warn({ detail: message }, 'discord.js warning'));
    client.on(Events.Debug, (message) => live() && this.log().trace({ detail: message }, 'discord.js'));
    client.rest.on(RESTEvents.RateLimited, (info) => {
      if (!live()) return;
      this.rateLimits.onWait(info);
      this.ctx?.statusChanged();
    });
    client.rest.on(RESTEvents.Response, (request, response) => {
      if (!live() || response.status !== 429) return;
      this.rateLimits.onResponse(request, response);
      this.ctx?.statusChanged();
    });
  }

  // ---- incoming ----------------------------------------------------------------------------

  /**
   * Malformed MESSAGE_CREATE events are logged and neutralised before discord.js handles them:
   * discord.js emits `raw` synchronously before its own handler runs, and some gaps (no author)
   * would otherwise throw inside discord.js where nobody can catch it.
   */
  protected guardPacket(packet: { t?: unknown; d?: unknown }): void {
    if (packet.t !== 'MESSAGE_CREATE') return;
    const missing = missingMessageFields(packet.d);
    if (missing.length === 0) return;
    const d = (typeof packet.d === 'object' && packet.d !== null ? packet.d : {}) as Record<string, unknown>;
    this.log().warn(
      { missing, id: d.id ?? null, channelId: d.channel_id ?? null },
      `ignored a malformed MESSAGE_CREATE from Discord (missing ${missing.join(', ')})`,
    );
    (packet as { t: string }).t = 'PROTOS_IGNORED_MESSAGE_CREATE';
  }

  protected onMessage(client: Client, message: Message): void {
    const botId = client.user?.id;
    if (!botId || message.author.id === botId) return;
    if (message.author.bot || message.system) return;
    if (!message.mentions.users.has(botId)) this.contentIntent.seen(message);
    this.uploadLimits.set(message.channelId, uploadLimitFor(message.guild?.premiumTier ?? null));
    let incoming: IncomingMessage;
    try {
      incoming = toIncomingMessage(message, botId, this.ctx!.config.all(), this.memberPermissions);
    } catch (err) {
      this.log().warn({ err, id: message.id }, 'could not read a Discord message; ignored');
      return;
    }
    this.slash?.typed(incoming.author.id, incoming.channel.id);
    if (message.guild && this.membersIntent)
      this.sharding.askMembersOnce(
        message.guild,
        this.ctx!.config.all().discord.cache.membersPerGuild,
        this.log(),
      );
    const source = `${incoming.channel.id}:${incoming.author.id}`;
    void this.sources.run(source, () => this.ctx!.deliver(incoming));
  }
}
