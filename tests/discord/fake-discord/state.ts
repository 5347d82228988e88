import {
  ChannelType,
  MessageType,
  type APIAttachment,
  type APIChannel,
  type APIDMChannel,
  type APIGuildMember,
  type APIMessage,
  type APIUser,
  type GatewayMessageCreateDispatchData,
  type MessageFlags,
} from 'discord.js';
import { defaultWorld, Snowflakes, type FixtureWorld } from './fixtures';
import { SyntheticGuilds, type SyntheticGuildOptions } from './synthetic';

/** A file of a message the bot posted. */
export interface RecordedFile {
  /** Multipart field (`files[0]`). */
  field: string;
  filename: string;
  contentType: string | null;
  data: Buffer;
}

/** A message the bot created with POST /channels/:id/messages, as the server received it. */
export interface RecordedMessage {
  id: string;
  channelId: string;
  content: string;
  /** JSON body, or multipart with `payload_json` and files. */
  format: 'json' | 'multipart';
  /** The JSON payload (the body, or the multipart `payload_json` part). */
  body: Record<string, unknown>;
  allowedMentions: unknown;
  messageReference: { message_id?: string; fail_if_not_exists?: boolean } | null;
  files: RecordedFile[];
  at: number;
}

export interface InjectOptions {
  /** The author (default: the plain member `pat`). */
  author?: APIUser;
  /** Guild channel id (default: #general). Ignored with `dm`. */
  channelId?: string;
  /** A direct message to the bot instead of a guild message. */
  dm?: boolean;
  attachments?: { filename: string; size?: number; contentType?: string }[];
}

/** What the fake Discord knows: the fixture world, DM channels, and every message seen. */
export class FakeState {
  readonly ids = new Snowflakes();
  readonly world: FixtureWorld;
  readonly channels = new Map<string, APIChannel>();
  private readonly dms = new Map<string, APIDMChannel>();
  readonly messages = new Map<string, APIMessage>();
  readonly posted: RecordedMessage[] = [];
  /** Generated guilds besides the fixture guild (none unless the server was started with some). */
  readonly synthetic: SyntheticGuilds | null;

  /** `cdnBase` gives the attachment URL base (known once the server listens). */
  constructor(
    private readonly cdnBase: () => string,
    synthetic?: SyntheticGuildOptions,
  ) {
    this.world = defaultWorld(this.ids);
    for (const channel of this.world.guild.channels) this.channels.set(channel.id, channel);
    this.synthetic = synthetic ? new SyntheticGuilds(synthetic, this.world.bot) : null;
  }

  /** Guilds the bot is in: the fixture guild plus the synthetic ones. */
  get guildCount(): number {
    return 1 + (this.synthetic?.count ?? 0);
  }

  /** Ids of the guilds shard `shard` of `shardCount` holds (Discord: `(guild_id >> 22) % shardCount`). */
  guildIdsOnShard(shard: number, shardCount: number): string[] {
    const ids: string[] = [];
    if (Number((BigInt(this.guildId) >> 22n) % BigInt(shardCount)) === shard) ids.push(this.guildId);
    const synthetic = this.synthetic;
    if (synthetic)
      for (const i of synthetic.indexesOnShard(shard, shardCount)) ids.push(synthetic.guildId(i));
    return ids;
  }

  /** A guild's members (fixture or synthetic); empty for an unknown guild. */
  membersOf(guildId: string): APIGuildMember[] {
    if (guildId === this.guildId) return this.world.guild.members;
    const index = this.synthetic?.indexOfGuild(guildId) ?? null;
    return index === null ? [] : this.synthetic!.members(index);
  }

  /** A channel by id: fixture, DM, or a synthetic guild's. */
  channel(id: string): APIChannel | undefined {
    return this.channels.get(id) ?? this.synthetic?.channelById(id);
  }

  /** The guild a guild channel belongs to, or null (DM, unknown). */
  guildOfChannel(channelId: string): string | null {
    const channel = this.channel(channelId);
    return channel && 'guild_id' in channel && channel.guild_id ? channel.guild_id : null;
  }

  get guildId(): string {
    return this.world.guild.id;
  }

  users(): APIUser[] {
    return [this.world.bot, ...Object.values(this.world.users)];
  }

  user(id: string): APIUser | undefined {
    return this.users().find((u) => u.id === id);
  }

  member(userId: string): APIGuildMember | undefined {
    return this.world.guild.members.find((m) => m.user.id === userId);
  }

  /** The DM channel between the bot and `user` (created on first use, like Discord). */
  dmChannel(user: APIUser): APIDMChannel {
    let channel = this.dms.get(user.id);
    if (!channel) {
      channel = {
        id: this.ids.id(),
        type: ChannelType.DM,
        name: null,
        recipients: [user],
        last_message_id: null,
      };
      this.dms.set(user.id, channel);
      this.channels.set(channel.id, channel);
    }
    return channel;
  }

  /**
   * The largest upload (all files of one message, bytes) Discord takes in a channel: 10 MiB, or
   * 50 / 100 MiB in a guild with boost tier 2 / 3.
   */
  uploadLimit(channelId: string): number {
    const MiB = 1024 * 1024;
    if (this.isDm(channelId)) return 10 * MiB;
    const tier = this.world.guild.premium_tier;
    return tier === 3 ? 100 * MiB : tier === 2 ? 50 * MiB : 10 * MiB;
  }

  isDm(channelId: string): boolean {
    return this.channels.get(channelId)?.type === ChannelType.DM;
  }

  /** Users named by `<@id>` / `<@!id>` in a text, with their member data (as Discord sends them). */
  mentionsIn(content: string): GatewayMessageCreateDispatchData['mentions'] {
    const ids = new Set([...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1]!));
    return [...ids].flatMap((id) => {
      const u = this.user(id);
      if (!u) return [];
      const m = this.member(id);
      if (!m) return [u];
      const { user: _user, ...rest } = m;
      return [{ ...u, member: rest }];
    });
  }

  attachment(filename: string, size: number, contentType: string | null): APIAttachment {
    const id = this.ids.id();
    const url = `${this.cdnBase()}/attachments/${id}/${encodeURIComponent(filename)}`;
    return {
      id,
      filename,
      size,
      url,
      proxy_url: url,
      ...(contentType ? { content_type: contentType } : {}),
    };
  }

  /** A MESSAGE_CREATE payload from a user, the way Discord builds it. */
  incoming(content: string, options: InjectOptions = {}): GatewayMessageCreateDispatchData {
    const author = options.author ?? this.world.users.pat;
    const channelId = options.dm
      ? this.dmChannel(author).id
      : (options.channelId ?? this.world.channels.general.id);
    const message = this.message({
      channelId,
      author,
      content,
      attachments: (options.attachments ?? []).map((a) =>
        this.attachment(a.filename, a.size ?? 1234, a.contentType ?? null),
      ),
      reference: null,
    });
    return this.withGatewayFields(message);
  }

  /** A message object (the REST shape, as returned by POST /channels/:id/messages). */
  message(options: {
    channelId: string;
    author: APIUser;
    content: string;
    attachments: APIAttachment[];
    reference: string | null;
  }): APIMessage {
    const referenced = options.reference ? (this.messages.get(options.reference) ?? null) : null;
    const message: APIMessage = {
      id: this.ids.id(),
      channel_id: options.channelId,
      author: options.author,
      content: options.content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: this.mentionsIn(options.content),
      mention_roles: [...new Set([...options.content.matchAll(/<@&(\d+)>/g)].map((m) => m[1]!))],
      attachments: options.attachments,
      embeds: [],
      pinned: false,
      type: options.reference ? MessageType.Reply : MessageType.Default,
      flags: 0 as MessageFlags,
      components: [],
      ...(options.reference
        ? {
            message_reference: { message_id: options.reference, channel_id: options.channelId },
            referenced_message: referenced,
          }
        : {}),
    };
    this.messages.set(message.id, message);
    return message;
  }

  /** Adds what MESSAGE_CREATE carries beyond the message object: guild id, member, channel type. */
  withGatewayFields(message: APIMessage): GatewayMessageCreateDispatchData {
    if (this.isDm(message.channel_id)) return { ...message, channel_type: ChannelType.DM };
    const guildId = this.guildOfChannel(message.channel_id) ?? this.guildId;
    const member = this.membersOf(guildId).find((m) => m.user.id === message.author.id);
    const memberFields = member ? (({ user: _user, ...rest }) => rest)(member) : undefined;
    return {
      ...message,
      guild_id: guildId,
      channel_type: ChannelType.GuildText,
      ...(memberFields ? { member: memberFields } : {}),
    };
  }
}
