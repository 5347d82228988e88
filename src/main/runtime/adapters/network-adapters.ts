import type { Config } from '../config/schema';
import { DiscordAdapter, type DiscordAdapterOptions } from './discord/discord-adapter';
import type { CommandCatalog } from './discord/slash/slash-commands';
import { IrcAdapter } from './irc/irc-adapter';
import type { Adapter } from './types';

/**
 * The chat-network adapters the config asks for: Discord when a token is set, one IRC adapter
 * per configured server. The console adapter is always there and is not made here. `discord.cluster`
 * (from the supervisor's launch input) limits the Discord adapter to that cluster's shards.
 */
export function createNetworkAdapters(
  config: Readonly<Config>,
  commands?: CommandCatalog,
  discord: Pick<DiscordAdapterOptions, 'cluster'> = {},
): Adapter[] {
  const adapters: Adapter[] = [];
  if (config.discord.token) adapters.push(new DiscordAdapter({ commands, ...discord }));
  for (const server of config.irc.servers) adapters.push(new IrcAdapter(server));
  return adapters;
}
