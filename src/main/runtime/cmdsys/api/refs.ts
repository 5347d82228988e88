/** A user an argument resolved to (by the adapter the message came from). */
export interface UserRef {
  id: string;
  name: string;
  displayName: string;
  /** How to mention this user, or null where the network has no mentions. */
  mention: string | null;
}

/** A channel an argument resolved to. */
export interface ChannelRef {
  id: string;
  name: string;
}

/** What argument conversion may ask of the adapter the message came from. */
export interface ArgumentResolver {
  resolveUser(text: string): Promise<UserRef | null>;
  resolveChannel(text: string): Promise<ChannelRef | null>;
}

/**
 * A channel anywhere, network-neutral: the adapter id (`console`, `discord`, `irc:host:port`)
 * and the channel there. Plain data: store it (in a database, a file) and send to it later
 * with `this.env.send(address, …)`.
 */
export interface ChannelAddress {
  adapterId: string;
  channel: ChannelRef;
}
