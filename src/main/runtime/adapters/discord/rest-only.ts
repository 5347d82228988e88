import { REST, Routes } from 'discord.js';
import type { Config } from '../../config/schema';
import type { Outgoing } from '../types';
import { restApiBase } from './client-options';
import { restMessageBody } from './outgoing';

/**
 * Sending without a gateway: when the adapter has dropped its client after gateway failures,
 * REST may still work, so replies and scheduled sends go out over a REST-only client instead
 * of being lost. Made on first need with the configured token and REST base.
 */
export class RestOnly {
  private rest: REST | null = null;

  constructor(private readonly settings: () => Readonly<Config['discord']>) {}

  async send(out: Outgoing, reference: string | null): Promise<void> {
    const { token, api } = this.settings();
    if (!token) throw new Error('Discord is not connected');
    const base = restApiBase(api);
    this.rest ??= new REST(base ? { api: base } : {}).setToken(token);
    await this.rest.post(Routes.channelMessages(out.channel.id), restMessageBody(out, reference));
  }

  /** Forgets the client (stop, or a changed token). */
  reset(): void {
    this.rest = null;
  }
}
