import type { ChannelRef, IncomingMessage } from '../../adapters/types';
import type { ArgumentResolver, UserRef } from '../api/refs';

/**
 * The adapter's argument resolver for a message, made only when an argument asks for a user or
 * a channel: most commands take neither, and making one costs a little on every message.
 */
export class LazyResolver implements ArgumentResolver {
  private real: ArgumentResolver | null = null;

  constructor(
    private readonly make: (msg: IncomingMessage) => ArgumentResolver,
    private readonly msg: IncomingMessage,
  ) {}

  resolveUser(text: string): Promise<UserRef | null> {
    return (this.real ??= this.make(this.msg)).resolveUser(text);
  }

  resolveChannel(text: string): Promise<ChannelRef | null> {
    return (this.real ??= this.make(this.msg)).resolveChannel(text);
  }
}
