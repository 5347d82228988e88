import { describe, expect, it } from 'vitest';
import { getIn, isUnder, pathKey, setIn } from './config-paths';
import {
  secretChangesToSend,
  secretPathsIn,
  secretState,
  withSecretValues,
  type SecretContext,
} from './secrets';

const config = {
  discord: { token: null },
  irc: {
    servers: [
      { host: 'a', password: null, sasl: { account: 'bot', password: null } },
      { host: 'b', password: null, sasl: null },
      { host: 'c', password: null, sasl: null },
    ],
  },
};

describe('config paths', () => {
  it('reads and writes immutably, creating parents', () => {
    const next = setIn(config, ['irc', 'servers', 1, 'host'], 'B');
    expect(getIn(next, ['irc', 'servers', 1, 'host'])).toBe('B');
    expect(config.irc.servers[1]!.host).toBe('b');
    expect(next.irc.servers[0]).toBe(config.irc.servers[0]);
    expect(next.discord).toBe(config.discord);
    expect(setIn({}, ['a', 'b'], 1)).toEqual({ a: { b: 1 } });
    expect(pathKey(['irc', 'servers', 0, 'host'])).toBe('irc.servers.0.host');
    expect(isUnder('a.b.c', 'a.b')).toBe(true);
    expect(isUnder('a.bc', 'a.b')).toBe(false);
  });
});

describe('secrets', () => {
  const held: SecretContext = {
    secrets: { 'discord.token': true, 'irc.servers.0.sasl.password': true, 'irc.servers.1.password': true },
    changes: {},
    serverOrigins: [0, 1, 2],
  };

  it('finds the concrete secret paths present in a config', () => {
    expect(secretPathsIn(config)).toEqual([
      'discord.token',
      'irc.servers.0.password',
      'irc.servers.1.password',
      'irc.servers.2.password',
      'irc.servers.0.sasl.password',
    ]);
  });

  it('says which are set, replaced or cleared', () => {
    expect(secretState('discord.token', held)).toBe('set');
    expect(secretState('irc.servers.2.password', held)).toBe('unset');
    const ctx = { ...held, changes: { 'discord.token': 'new', 'irc.servers.1.password': null } };
    expect(secretState('discord.token', ctx)).toBe('replace');
    expect(secretState('irc.servers.1.password', ctx)).toBe('clear');
  });

  it('fills secrets for validation: held by a placeholder, typed by their value, cleared as null', () => {
    const ctx = { ...held, changes: { 'irc.servers.2.password': 'typed', 'irc.servers.1.password': null } };
    const filled = withSecretValues(config, ctx) as typeof config;
    expect(filled.discord.token).toBe('(secret)');
    expect(filled.irc.servers[0]!.sasl!.password).toBe('(secret)');
    expect(filled.irc.servers[1]!.password).toBeNull();
    expect(filled.irc.servers[2]!.password).toBe('typed');
    expect(config.discord.token).toBeNull();
  });

  it('never lets a held secret move to another server when one above is removed', () => {
    // Server 0 ("a") was removed: "b" (origin 1) is now at 0, "c" (origin 2) at 1.
    const draft = { ...config, irc: { servers: [config.irc.servers[1], config.irc.servers[2]] } };
    const ctx: SecretContext = { ...held, serverOrigins: [1, 2] };
    expect(secretState('irc.servers.0.password', ctx)).toBe('lost');
    expect(secretState('irc.servers.1.password', ctx)).toBe('unset');
    // The runtime holds index 1's password (b's): position 1 is c's now, so it is cleared.
    expect(secretChangesToSend(draft, ctx)).toEqual({ 'irc.servers.1.password': null });
    const typed = {
      ...ctx,
      changes: { 'irc.servers.0.password': 'b-again', 'discord.token': null, 'irc.servers.9.password': 'x' },
    };
    expect(secretChangesToSend(draft, typed)).toEqual({
      'discord.token': null,
      'irc.servers.0.password': 'b-again',
      'irc.servers.1.password': null,
    });
  });
});

describe('secrets bound to their endpoint', () => {
  const stored = {
    discord: { token: null, api: 'https://proxy.example/api' },
    irc: { servers: [{ host: 'irc.example', port: 6667, password: null }] },
  };
  const held = { 'discord.token': true, 'irc.servers.0.password': true };
  const ctx = (draft: unknown) => ({ secrets: held, changes: {}, serverOrigins: [0], draft, stored });

  it('shows a held secret as lost once its endpoint changes in the draft', () => {
    const otherApi = { ...stored, discord: { token: null, api: 'https://elsewhere.example/api' } };
    expect(secretState('discord.token', ctx(stored))).toBe('set');
    expect(secretState('discord.token', ctx(otherApi))).toBe('lost');
    const otherPort = { ...stored, irc: { servers: [{ host: 'irc.example', port: 6697, password: null }] } };
    expect(secretState('irc.servers.0.password', ctx(otherPort))).toBe('lost');
    const sameHostOtherCase = {
      ...stored,
      irc: { servers: [{ host: 'IRC.example', port: 6667, password: null }] },
    };
    expect(secretState('irc.servers.0.password', ctx(sameHostOtherCase))).toBe('set');
  });

  it('a new value for the changed endpoint is sent as usual', () => {
    const otherApi = { ...stored, discord: { token: null, api: 'https://elsewhere.example/api' } };
    const withNew = { ...ctx(otherApi), changes: { 'discord.token': 'fresh' } };
    expect(secretState('discord.token', withNew)).toBe('replace');
    expect(secretChangesToSend(otherApi, withNew)).toEqual({ 'discord.token': 'fresh' });
  });
});
