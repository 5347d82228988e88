import { describe, expect, it } from 'vitest';
import { describeCloseCode, describeLoginError } from './failures';

describe('Discord failures', () => {
  it('explains an invalid token (4004) with where to get and put a new one', () => {
    const f = describeCloseCode(4004, { membersIntent: false })!;
    expect(f.fatal).toBe(true);
    expect(f.code).toBe(4004);
    expect(f.message).toMatch(/rejected the bot token.*4004/);
    expect(f.message).toMatch(/Developer Portal.*Reset Token/);
    expect(f.message).toMatch(/--discord-token, DISCORD_TOKEN or discord\.token/);
  });

  it('names the privileged intent switches for 4014', () => {
    const plain = describeCloseCode(4014, { membersIntent: false })!;
    expect(plain.fatal).toBe(true);
    expect(plain.message).toMatch(/"Message Content Intent"/);
    expect(plain.message).toMatch(/Privileged Gateway Intents/);
    expect(plain.message).not.toMatch(/Server Members/);
    expect(plain.message).toMatch(/set discord\.messageContentIntent to false: slash commands/);
    const members = describeCloseCode(4014, { membersIntent: true })!;
    expect(members.message).toMatch(/"Message Content Intent" and "Server Members Intent"/);
    expect(members.message).toMatch(/discord\.membersIntent to false/);
  });

  it('has no explanation for close codes discord.js recovers from', () => {
    for (const code of [1000, 1006, 4000, 4007, 4009])
      expect(describeCloseCode(code, { membersIntent: false })).toBeNull();
    for (const code of [4010, 4012, 4013])
      expect(describeCloseCode(code, { membersIntent: false })?.fatal).toBe(true);
    // sharding required: the adapter re-shards, it never stays offline for it
    expect(describeCloseCode(4011, { membersIntent: false })).toMatchObject({ fatal: false, code: 4011 });
  });

  it('explains a failed login: a fatal close seen before it wins', () => {
    const f = describeLoginError(new Error('Used disallowed intents'), 4014, { membersIntent: false });
    expect(f.code).toBe(4014);
  });

  it('turns a 401 from GET /gateway/bot (TokenInvalid) into the invalid-token message', () => {
    const err = Object.assign(new Error('An invalid token was provided.'), { code: 'TokenInvalid' });
    const f = describeLoginError(err, null, { membersIntent: false });
    expect(f).toMatchObject({ fatal: true, code: 401 });
    expect(f.message).toMatch(/rejected the bot token.*401/);
  });

  it("recognises @discordjs/ws's own error messages without a close code", () => {
    expect(describeLoginError(new Error('Authentication failed'), null, { membersIntent: false }).code).toBe(
      4004,
    );
    expect(
      describeLoginError(new Error('Used disallowed intents'), null, { membersIntent: false }).code,
    ).toBe(4014);
  });

  it('treats anything else as transient', () => {
    const err = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const f = describeLoginError(err, null, { membersIntent: false });
    expect(f).toEqual({
      message: 'Could not connect to Discord: connect ECONNREFUSED 127.0.0.1:9',
      fatal: false,
      code: null,
    });
    expect(describeLoginError('weird', null, { membersIntent: false }).message).toBe(
      'Could not connect to Discord: weird',
    );
  });
});
