import {
  ChannelType,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  type APIGuildVoiceChannel,
  type APITextChannel,
  type GuildMemberFlags,
  type RoleFlags,
  type APIGuildMember,
  type APIRole,
  type APIUser,
  type GatewayGuildCreateDispatchData,
} from 'discord.js';

/** Snowflake-like ids: 19 digits, increasing (discord.js reads a creation time from them). */
export class Snowflakes {
  private next = 1_300_000_000_000_000_000n;
  id(): string {
    this.next += 1n;
    return this.next.toString();
  }
}

export const PERMISSIONS = {
  viewChannel: 1n << 10n,
  sendMessages: 1n << 11n,
  administrator: 1n << 3n,
  manageGuild: 1n << 5n,
  connect: 1n << 20n,
  speak: 1n << 21n,
} as const;

export function user(
  id: string,
  username: string,
  options: { bot?: boolean; globalName?: string } = {},
): APIUser {
  return {
    id,
    username,
    discriminator: '0',
    global_name: options.globalName ?? null,
    avatar: null,
    ...(options.bot ? { bot: true } : {}),
  };
}

export function role(id: string, name: string, permissions: bigint, position: number): APIRole {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions: permissions.toString(),
    managed: false,
    mentionable: false,
    flags: 0 as RoleFlags,
  };
}

export function member(u: APIUser, roles: string[], nick: string | null = null): APIGuildMember {
  return {
    user: u,
    nick,
    avatar: null,
    banner: null,
    roles,
    joined_at: '2024-01-01T00:00:00.000Z',
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
  };
}

export function textChannel(id: string, guildId: string, name: string, position: number): APITextChannel {
  return {
    id,
    type: ChannelType.GuildText,
    guild_id: guildId,
    name,
    position,
    permission_overwrites: [],
    nsfw: false,
    topic: null,
    last_message_id: null,
    parent_id: null,
    rate_limit_per_user: 0,
  };
}

export function voiceChannel(
  id: string,
  guildId: string,
  name: string,
  position: number,
): APIGuildVoiceChannel {
  return {
    id,
    type: ChannelType.GuildVoice,
    guild_id: guildId,
    name,
    position,
    permission_overwrites: [],
    nsfw: false,
    parent_id: null,
    bitrate: 64_000,
    user_limit: 0,
    rtc_region: null,
    last_message_id: null,
    rate_limit_per_user: 0,
  };
}

/** The people and places of the default fixture guild. */
export interface FixtureWorld {
  bot: APIUser;
  users: {
    /** Listed in the bot's config as an owner; no roles in the guild. */
    olivia: APIUser;
    /** Has the Admin role (Administrator permission). */
    adam: APIUser;
    /** Has the Mods role (Manage Guild permission). */
    maya: APIUser;
    /** A plain member. */
    pat: APIUser;
    /** Owns the guild (every permission), no roles. */
    gwen: APIUser;
    /** Another bot in the guild. */
    robo: APIUser;
  };
  guild: GatewayGuildCreateDispatchData;
  channels: { general: APITextChannel; random: APITextChannel; lounge: APIGuildVoiceChannel };
  roles: { everyone: APIRole; admin: APIRole; mods: APIRole; bot: APIRole };
}

/** A guild "Test Guild" with #general, #random, a voice channel, four roles (one the bot's own) and six members. */
export function defaultWorld(ids: Snowflakes): FixtureWorld {
  const bot = user(ids.id(), 'protos', { bot: true });
  const users = {
    olivia: user(ids.id(), 'olivia', { globalName: 'Olivia' }),
    adam: user(ids.id(), 'adam'),
    maya: user(ids.id(), 'maya'),
    pat: user(ids.id(), 'pat'),
    gwen: user(ids.id(), 'gwen'),
    robo: user(ids.id(), 'robo', { bot: true }),
  };
  const guildId = ids.id();
  const roles = {
    everyone: role(
      guildId,
      '@everyone',
      PERMISSIONS.viewChannel | PERMISSIONS.sendMessages | PERMISSIONS.connect | PERMISSIONS.speak,
      0,
    ),
    admin: role(ids.id(), 'Admin', PERMISSIONS.administrator, 2),
    mods: role(ids.id(), 'Mods', PERMISSIONS.manageGuild, 1),
    // the role Discord creates for a bot when it joins (managed, tagged with the bot's id)
    bot: { ...role(ids.id(), 'protos', 0n, 1), managed: true, tags: { bot_id: bot.id } },
  };
  const channels = {
    general: textChannel(ids.id(), guildId, 'general', 0),
    random: textChannel(ids.id(), guildId, 'random', 1),
    lounge: voiceChannel(ids.id(), guildId, 'lounge', 2),
  };
  const members = [
    member(bot, [roles.bot.id]),
    member(users.olivia, []),
    member(users.adam, [roles.admin.id]),
    member(users.maya, [roles.mods.id], 'Maya the Mod'),
    member(users.pat, []),
    member(users.gwen, []),
    member(users.robo, []),
  ];
  const guild: GatewayGuildCreateDispatchData = {
    id: guildId,
    name: 'Test Guild',
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: users.gwen.id,
    region: 'eu-west',
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: GuildVerificationLevel.None,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.Disabled,
    roles: Object.values(roles),
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotifications,
    rules_channel_id: null,
    vanity_url_code: null,
    premium_tier: GuildPremiumTier.None,
    premium_subscription_count: 0,
    preferred_locale: 'en-US' as GatewayGuildCreateDispatchData['preferred_locale'],
    public_updates_channel_id: null,
    nsfw_level: GuildNSFWLevel.Default,
    premium_progress_bar_enabled: false,
    safety_alerts_channel_id: null,
    hub_type: null,
    incidents_data: null,
    // GUILD_CREATE only
    joined_at: '2024-01-01T00:00:00.000Z',
    large: false,
    unavailable: false,
    member_count: members.length,
    voice_states: [],
    members,
    channels: [channels.general, channels.random, channels.lounge],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
  return { bot, users, guild, channels, roles };
}
