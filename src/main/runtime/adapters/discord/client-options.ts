import { GatewayIntentBits, Partials, type ClientOptions, type MessageMentionOptions } from 'discord.js';
import type { GatewayFence } from './gateway-fence';
import { cacheFactory, sweepers, type DiscordCacheConfig } from './sharding/cache-options';
import type { ShardPlan } from './sharding/shard-plan';

/**
 * Who a message of the bot may ping: users it names (`<@id>`), never @everyone, @here or roles,
 * and not the author of the message it replies to (the reply header already shows that).
 */
export function allowedMentions(): MessageMentionOptions {
  return { parse: ['users'], repliedUser: false };
}

/**
 * The gateway intents the adapter asks for. Message Content and Guild Members are privileged
 * (switch them on in the Developer Portal) and requested when configured.
 */
export function discordIntents(membersIntent: boolean, messageContent = true): GatewayIntentBits[] {
  const intents = [
    GatewayIntentBits.Guilds,
    GatewayIntentBits.GuildMessages,
    GatewayIntentBits.DirectMessages,
    GatewayIntentBits.GuildVoiceStates,
  ];
  if (messageContent) intents.splice(2, 0, GatewayIntentBits.MessageContent);
  if (membersIntent) intents.push(GatewayIntentBits.GuildMembers);
  return intents;
}

/**
 * The REST base discord.js should use, from `discord.api`. discord.js builds request URLs as
 * `${api}/v${version}${route}`, so the base is the part before the version (`https://discord.com/api`):
 * a trailing `/v10` is removed (it would be doubled), and a bare origin (`http://proxy:8080`) gets
 * Discord's `/api` path, which REST proxies such as nirn-proxy mirror. `null` keeps the default.
 */
export function restApiBase(api: string | null): string | null {
  if (api === null) return null;
  const url = new URL(api);
  let pathname = url.pathname.replace(/\/+$/, '').replace(/\/v\d+$/, '');
  if (pathname === '') pathname = '/api';
  return `${url.origin}${pathname}`;
}

export interface DiscordClientSettings {
  membersIntent: boolean;
  /** Request Message Content (default true). */
  messageContentIntent?: boolean;
  /** REST base override (already normalised with restApiBase), or null for Discord's. */
  api: string | null;
  /** Discord's global REST limit for this bot (discord.js's default, 50, without it). */
  globalRequestsPerSecond?: number;
  /** Keeps the client off the gateway once it is dropped (see GatewayFence). */
  fence: GatewayFence;
  /** The shards this client runs (default: shard 0 of 1). */
  shards?: Pick<ShardPlan, 'shardIds' | 'shardCount'>;
  /** Cache bounds (`discord.cache`); discord.js's defaults without them. */
  cache?: DiscordCacheConfig;
}

/**
 * discord.js client options. The gateway URL is not configured: discord.js asks the REST API
 * (`GET /gateway/bot`, through the `api` base above) and connects to the URL it returns, then
 * resumes through the READY event's `resume_gateway_url`. So pointing REST somewhere is enough.
 */
export function clientOptions(settings: DiscordClientSettings): ClientOptions {
  return {
    intents: discordIntents(settings.membersIntent, settings.messageContentIntent ?? true),
    // DM channels are not cached before their first message: without the Channel partial
    // discord.js drops direct messages.
    partials: [Partials.Channel],
    allowedMentions: allowedMentions(),
    rest: {
      ...(settings.api ? { api: settings.api } : {}),
      ...(settings.globalRequestsPerSecond
        ? { globalRequestsPerSecond: settings.globalRequestsPerSecond }
        : {}),
    },
    ws: { buildStrategy: settings.fence.buildStrategy },
    ...(settings.shards ? { shards: settings.shards.shardIds, shardCount: settings.shards.shardCount } : {}),
    ...(settings.cache
      ? { makeCache: cacheFactory(settings.cache), sweepers: sweepers(settings.cache) }
      : {}),
  };
}
