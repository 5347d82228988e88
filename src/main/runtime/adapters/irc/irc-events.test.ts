import { describe, expect, it } from 'vitest';
import { numericName, toBusEvent } from './irc-events';

const ID = 'irc:127.0.0.1:6667';

describe("bottom's event names and keyword payloads", () => {
  it('PRIVMSG and NOTICE carry the nickmask, target and message', () => {
    const e = toBusEvent(':alice!~al@host.example PRIVMSG #chan :hello there', ID)!;
    expect(e.name).toBe('PRIVMSG');
    expect(e.payload).toMatchObject({
      adapterId: ID,
      network: 'irc',
      nick: 'alice',
      user: '~al',
      host: 'host.example',
      target: '#chan',
      message: 'hello there',
    });
    expect(toBusEvent(':srv NOTICE * :*** Looking up your hostname', ID)).toMatchObject({
      name: 'NOTICE',
      payload: { nick: 'srv', target: '*', message: '*** Looking up your hostname' },
    });
  });

  it("MODE is USERMODE for a nick and CHANNELMODE for a channel, by the server's channel types", () => {
    expect(toBusEvent(':bot MODE bot :+i', ID)).toEqual({
      name: 'USERMODE',
      payload: {
        adapterId: ID,
        network: 'irc',
        raw: ':bot MODE bot :+i',
        tags: {},
        params: ['bot', '+i'],
        nick: 'bot',
        user: '',
        host: '',
        target: 'bot',
        modes: '+i',
      },
    });
    expect(toBusEvent(':srv.example MODE bot -w+x', ID)).toMatchObject({
      name: 'USERMODE',
      payload: { target: 'bot', modes: '-w+x' },
    });
    expect(toBusEvent(':op!u@h MODE &local +m', ID)).toMatchObject({
      name: 'CHANNELMODE',
      payload: { channel: '&local', modes: '+m', args: [] },
    });
    // a network whose CHANTYPES is only '#': '&name' is a nick there
    const hashOnly = (t: string): boolean => t.startsWith('#');
    expect(toBusEvent(':a!u@h MODE &odd +i', ID, hashOnly)?.name).toBe('USERMODE');
    expect(toBusEvent(':op!u@h MODE #c +l 10', ID, hashOnly)).toMatchObject({
      name: 'CHANNELMODE',
      payload: { channel: '#c', modes: '+l', args: ['10'] },
    });
    // a MODE with no parameters at all is still a (user) event, with empty fields
    expect(toBusEvent(':srv MODE', ID)).toMatchObject({
      name: 'USERMODE',
      payload: { target: '', modes: '' },
    });
  });

  it('JOIN, PART, KICK, QUIT, NICK, MODE, TOPIC, INVITE have their fields', () => {
    expect(toBusEvent(':a!u@h JOIN #c', ID)?.payload).toMatchObject({ nick: 'a', channel: '#c' });
    expect(toBusEvent(':a!u@h JOIN :#c', ID)?.payload).toMatchObject({ channel: '#c' });
    // bottom: PART always has a message, even when empty
    expect(toBusEvent(':a!u@h PART #c', ID)?.payload).toMatchObject({ channel: '#c', message: '' });
    expect(toBusEvent(':a!u@h PART #c :bye now', ID)?.payload).toMatchObject({ message: 'bye now' });
    expect(toBusEvent(':op!u@h KICK #c bob :spam', ID)?.payload).toMatchObject({
      nick: 'op',
      channel: '#c',
      target: 'bob',
      message: 'spam',
    });
    expect(toBusEvent(':a!u@h QUIT :Ping timeout', ID)?.payload).toMatchObject({ message: 'Ping timeout' });
    expect(toBusEvent(':a!u@h NICK :b', ID)?.payload).toMatchObject({ nick: 'a', new_nick: 'b' });
    expect(toBusEvent(':op!u@h MODE #c +ov a b', ID)).toMatchObject({
      name: 'CHANNELMODE',
      payload: { nick: 'op', channel: '#c', modes: '+ov', args: ['a', 'b'], params: ['#c', '+ov', 'a', 'b'] },
    });
    expect(toBusEvent(':a!u@h TOPIC #c :new topic', ID)?.payload).toMatchObject({
      channel: '#c',
      message: 'new topic',
    });
    expect(toBusEvent(':a!u@h INVITE bot :#c', ID)?.payload).toMatchObject({ target: 'bot', channel: '#c' });
  });

  it('PING/PONG carry the token as message; commands are upper-cased', () => {
    expect(toBusEvent('PING :abc123', ID)).toMatchObject({ name: 'PING', payload: { message: 'abc123' } });
    expect(toBusEvent(':srv pong srv :42', ID)).toMatchObject({ name: 'PONG', payload: { message: '42' } });
  });

  it('numerics go by their RPL_/ERR_ names with target and message', () => {
    expect(toBusEvent(':irc.example 376 bot :End of MOTD command', ID)).toMatchObject({
      name: 'RPL_ENDOFMOTD',
      payload: { command: '376', prefix: 'irc.example', target: 'bot', message: 'End of MOTD command' },
    });
    expect(toBusEvent(':irc.example 001 bot :Welcome', ID)?.name).toBe('RPL_WELCOME');
    expect(toBusEvent(':irc.example 422 bot :MOTD File is missing', ID)?.name).toBe('ERR_NOMOTD');
    expect(toBusEvent(':irc.example 433 * bot :Nickname already in use', ID)?.name).toBe('ERR_NICKNAMEINUSE');
    // a numeric no table names keeps its digits
    expect(numericName('999')).toBe('999');
    expect(toBusEvent(':irc.example 999 bot :odd', ID)?.name).toBe('999');
  });

  it('tags and params are kept; other commands keep their word; a line without a command is null', () => {
    const e = toBusEvent('@msgid=abc;time=2024-01-01T00:00:00Z :a!u@h PRIVMSG #c :hi', ID)!;
    expect(e.payload.tags).toMatchObject({ msgid: 'abc' });
    expect(e.payload.params).toEqual(['#c', 'hi']);
    expect(toBusEvent(':srv CAP * ACK :multi-prefix', ID)).toMatchObject({
      name: 'CAP',
      payload: { command: 'CAP', target: '*', message: 'multi-prefix' },
    });
    expect(toBusEvent('', ID)).toBeNull();
    expect(toBusEvent(':only.a.prefix', ID)).toBeNull();
  });
});
