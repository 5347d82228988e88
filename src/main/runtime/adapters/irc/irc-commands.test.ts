import { describe, expect, it } from 'vitest';
import { buildCommand, IrcCommandError } from './irc-commands';

describe("send(command, fields): bottom's commands as lines", () => {
  it('builds the lines of the seed examples', () => {
    expect(buildCommand('PRIVMSG', { target: 'WiZ-friend', message: 'Hello, friend!' })).toBe(
      'PRIVMSG WiZ-friend :Hello, friend!',
    );
    expect(buildCommand('privmsg', { target: '#c', message: '' })).toBe('PRIVMSG #c :');
    expect(buildCommand('JOIN', { channel: '#foo-chan' })).toBe('JOIN #foo-chan');
    expect(buildCommand('JOIN', { channel: ['#foo-chan', '#other'], key: 'foo-key' })).toBe(
      'JOIN #foo-chan,#other foo-key',
    );
    expect(buildCommand('PART', { channel: '#foo-chan', message: 'I lost' })).toBe('PART #foo-chan :I lost');
    expect(buildCommand('PART', { channel: ['#a', '#b'] })).toBe('PART #a,#b');
    expect(buildCommand('TOPIC', { channel: '#c', message: '' })).toBe('TOPIC #c :');
    expect(buildCommand('KICK', { channel: '#c', nick: ['WiZ', 'Friend'], message: 'Spamming' })).toBe(
      'KICK #c WiZ,Friend :Spamming',
    );
    expect(buildCommand('CHANNELMODE', { channel: '#c', modes: '+l', params: '10' })).toBe('MODE #c +l 10');
    expect(buildCommand('USERMODE', { nick: 'WiZ', modes: '+io' })).toBe('MODE WiZ +io');
    expect(buildCommand('PONG', { message: 'Test..' })).toBe('PONG :Test..');
    expect(buildCommand('QUIT')).toBe('QUIT');
    expect(buildCommand('WHO', { mask: '*.fi', o: true })).toBe('WHO *.fi o');
    expect(buildCommand('ISON', { nick: ['WiZ', 'Friend'] })).toBe('ISON WiZ Friend');
    expect(buildCommand('USER', { user: 'bot', realname: 'The Bot' })).toBe('USER bot :The Bot');
  });

  it('refuses bad input with an error naming the field', () => {
    const bad = (command: string, fields: Record<string, unknown>, pattern: RegExp): void => {
      expect(() => buildCommand(command, fields)).toThrow(IrcCommandError);
      expect(() => buildCommand(command, fields)).toThrow(pattern);
    };
    bad('PRIVMSG', { target: '#c' }, /PRIVMSG: "message" is required/);
    bad('PRIVMSG', { target: '#c', message: 'a\r\nQUIT :pwned' }, /"message" contains CR, LF or NUL/);
    bad('PRIVMSG', { target: 'two words', message: 'x' }, /"target" may not contain spaces/);
    bad('PRIVMSG', { target: ':x', message: 'x' }, /"target" may not start with ":"/);
    bad('PRIVMSG', { target: '#c', message: 'x', channel: '#d' }, /unknown field "channel"/);
    bad('JOIN', { channel: [] }, /empty list/);
    bad('JOIN', { channel: { name: '#c' } }, /"channel" must be text, got object/);
    bad('JOIN', { channel: '' }, /"channel" is empty/);
    bad('FROB', {}, /unknown command "FROB"/);
    expect(() => buildCommand('', {})).toThrow(/no command given/);
    expect(() => buildCommand('PART', [] as unknown as Record<string, unknown>)).toThrow(/must be an object/);
  });
});
