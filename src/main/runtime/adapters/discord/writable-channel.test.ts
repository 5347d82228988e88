import { ChannelType, PermissionFlagsBits, type Client } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { resolveWritableChannel } from './writable-channel';

const GUILD = '1300000000000000001';
const TEXT = '1300000000000000002';

/** Just enough of a discord.js client: one guild with the given channels and the bot's permissions. */
function fakeClient(channels: { id: string; name: string; type: ChannelType; allowed: bigint[] }[]): Client {
  const cache = new Map(
    channels.map((c) => [
      c.id,
      {
        id: c.id,
        name: c.name,
        type: c.type,
        permissionsFor: () => ({ has: (needed: bigint[]) => needed.every((p) => c.allowed.includes(p)) }),
      },
    ]),
  );
  const guild = { id: GUILD, name: 'Test Guild', channels: { cache } };
  return {
    isReady: () => true,
    user: { id: 'bot' },
    guilds: { cache: new Map([[GUILD, guild]]) },
  } as unknown as Client;
}

const BOTH = [PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages];

describe('resolveWritableChannel', () => {
  it('accepts a mention or id of a text channel the bot can write to', async () => {
    const client = fakeClient([{ id: TEXT, name: 'mod-log', type: ChannelType.GuildText, allowed: BOTH }]);
    await expect(resolveWritableChannel(client, GUILD, `<#${TEXT}>`)).resolves.toEqual({
      id: TEXT,
      name: 'mod-log',
    });
    await expect(resolveWritableChannel(client, GUILD, ` ${TEXT} `)).resolves.toEqual({
      id: TEXT,
      name: 'mod-log',
    });
  });

  it('refuses a channel the bot cannot send in, a voice channel, names, and no connection', async () => {
    const client = fakeClient([
      {
        id: TEXT,
        name: 'read-only',
        type: ChannelType.GuildText,
        allowed: [PermissionFlagsBits.ViewChannel],
      },
      { id: '1300000000000000003', name: 'lounge', type: ChannelType.GuildVoice, allowed: BOTH },
    ]);
    await expect(resolveWritableChannel(client, GUILD, TEXT)).rejects.toThrow(
      'the bot cannot write to #read-only (it needs View Channel and Send Messages there)',
    );
    await expect(resolveWritableChannel(client, GUILD, '<#1300000000000000003>')).rejects.toThrow(
      '#lounge is not a text channel',
    );
    await expect(resolveWritableChannel(client, GUILD, '#read-only')).rejects.toThrow(
      /is not a channel: give/,
    );
    await expect(resolveWritableChannel(client, '999', TEXT)).rejects.toThrow(/not in the Discord guild 999/);
    await expect(resolveWritableChannel(null, GUILD, TEXT)).rejects.toThrow('Discord is not connected');
  });
});
