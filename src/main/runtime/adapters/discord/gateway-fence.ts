import { SimpleShardingStrategy, type ClientOptions } from 'discord.js';

/** The @discordjs/ws manager behind a discord.js client (what `ws.buildStrategy` receives). */
type GatewayManager = Parameters<NonNullable<NonNullable<ClientOptions['ws']>['buildStrategy']>>[0];

type SessionLookup = GatewayManager['options']['retrieveSessionInfo'];

/**
 * Makes sure a destroyed client stays off the gateway.
 *
 * @discordjs/ws 1.2 reconnects a shard by destroying it with a "recover" flag, waiting 500 ms
 * and connecting again. A `client.destroy()` that lands in that pause (or while the shard waits
 * for HELLO after a lost connection) finds the shard idle and does nothing; the pending
 * reconnect then runs anyway, and keeps running every half second, detached from the destroyed
 * client, for as long as the gateway is unreachable (and identifies again once it is back).
 *
 * The fence gets hold of the client's gateway manager through the public `ws.buildStrategy`
 * option. `close()` makes the manager's session lookup never answer; that lookup is the first
 * thing a shard awaits when it connects, so a stray reconnect stops there without opening a
 * socket. Close the fence when the client is dropped, before destroying it.
 */
export class GatewayFence {
  private manager: GatewayManager | null = null;
  private closed = false;

  /** For `ClientOptions.ws.buildStrategy`: the default strategy, remembering its manager. */
  readonly buildStrategy = (manager: GatewayManager): SimpleShardingStrategy => {
    this.manager = manager;
    if (this.closed) this.close();
    return new SimpleShardingStrategy(manager);
  };

  close(): void {
    this.closed = true;
    if (!this.manager) return;
    const never: SessionLookup = () => new Promise<never>(() => undefined);
    (this.manager.options as { retrieveSessionInfo: SessionLookup }).retrieveSessionInfo = never;
  }
}
