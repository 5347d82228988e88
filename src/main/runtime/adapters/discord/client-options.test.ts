import { GatewayIntentBits, IntentsBitField, Partials } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { allowedMentions, clientOptions, discordIntents, restApiBase } from './client-options';
import { GatewayFence } from './gateway-fence';

describe('Discord client options', () => {
  it('asks for guilds, guild messages, message content, DMs and voice states; members only when configured', () => {
    const base =
      GatewayIntentBits.Guilds |
      GatewayIntentBits.GuildMessages |
      GatewayIntentBits.MessageContent |
      GatewayIntentBits.DirectMessages |
      GatewayIntentBits.GuildVoiceStates;
    expect(new IntentsBitField(discordIntents(false)).bitfield).toBe(base);
    expect(new IntentsBitField(discordIntents(true)).bitfield).toBe(base | GatewayIntentBits.GuildMembers);
  });

  it('allows mentions of users only, never everyone/here/roles, and no reply pings', () => {
    expect(allowedMentions()).toEqual({ parse: ['users'], repliedUser: false });
    const options = clientOptions({ membersIntent: false, api: null, fence: new GatewayFence() });
    expect(options.allowedMentions).toEqual({ parse: ['users'], repliedUser: false });
    expect(options.partials).toEqual([Partials.Channel]);
    expect(options.rest).toEqual({});
    expect(
      clientOptions({ membersIntent: false, api: 'http://x/api', fence: new GatewayFence() }).rest,
    ).toEqual({
      api: 'http://x/api',
    });
  });

  it("passes a raised global REST limit to discord.js (large bots get more than Discord's 50/s)", () => {
    const options = clientOptions({
      membersIntent: false,
      api: null,
      globalRequestsPerSecond: 500,
      fence: new GatewayFence(),
    });
    expect(options.rest).toEqual({ globalRequestsPerSecond: 500 });
  });

  it('normalises the REST base: the part before /v10, /api for a bare origin', () => {
    expect(restApiBase(null)).toBeNull();
    expect(restApiBase('https://discord.com/api')).toBe('https://discord.com/api');
    expect(restApiBase('https://discord.com/api/')).toBe('https://discord.com/api');
    expect(restApiBase('https://discord.com/api/v10')).toBe('https://discord.com/api');
    expect(restApiBase('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080/api');
    expect(restApiBase('http://nirn:8080/')).toBe('http://nirn:8080/api');
    expect(restApiBase('http://proxy.local/discord/api/v9/')).toBe('http://proxy.local/discord/api');
  });
});
