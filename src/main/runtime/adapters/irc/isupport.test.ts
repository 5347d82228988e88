import type { Client } from 'irc-framework';
import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../../../shared/config/schema';
import { IrcAdapter } from './irc-adapter';

const server = ConfigSchema.parse({ irc: { servers: [{ host: 'irc.example.org' }] } }).irc.servers[0]!;

/** The adapter's ISUPPORT-dependent helpers (protected: reached through a cast). */
interface Helpers {
  client: Client & { emit(event: string, payload: unknown): boolean };
  fold(text: string): string;
  isChannel(target: string): boolean;
  nickLength(): number | null;
  networkName(): string;
}

describe('ISUPPORT snapshot', () => {
  it('uses RFC defaults until the server speaks, then what ISUPPORT said', () => {
    const adapter = new IrcAdapter(server) as unknown as Helpers;
    expect(adapter.fold('Nick[A]')).toBe('nick{a}');
    expect(adapter.isChannel('+chan')).toBe(false);
    expect(adapter.isChannel('#chan')).toBe(true);
    expect(adapter.nickLength()).toBeNull();
    expect(adapter.networkName()).toBe('irc.example.org');

    Object.assign(adapter.client.network.options, {
      CASEMAPPING: 'ascii',
      CHANTYPES: ['#', '+'],
      NICKLEN: '16',
      NETWORK: 'ExampleNet',
    });
    // read only when the server sends ISUPPORT (irc-framework's 'server options'), not per message
    expect(adapter.isChannel('+chan')).toBe(false);
    adapter.client.emit('server options', { options: adapter.client.network.options, cap: {} });
    expect(adapter.fold('Nick[A]')).toBe('nick[a]');
    expect(adapter.isChannel('+chan')).toBe(true);
    expect(adapter.nickLength()).toBe(16);
    expect(adapter.networkName()).toBe('ExampleNet');
  });
});
