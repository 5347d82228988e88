import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../shared/config/schema';
import { setIn } from './config-paths';
import { friendlyMessage, mergeIssues, validateDraft, fromApiIssues } from './validation';

const ctx = { secrets: {}, changes: {}, serverOrigins: [] };
const server = {
  host: 'irc.example.org',
  port: 6697,
  tls: true,
  nick: 'bot',
  username: null,
  realname: 'ProtOS bot',
  password: null,
  sasl: { account: 'bot', password: null },
  channels: ['#ops'],
  send: { burst: 4, perSecond: 1 },
  opRank: 2,
  voiceRank: 4,
};

describe('validateDraft (shared ConfigSchema)', () => {
  it('accepts the defaults', () => {
    expect(validateDraft(defaultConfig(), ctx)).toEqual([]);
  });

  it('reports issues at their paths', () => {
    let draft: unknown = defaultConfig();
    draft = setIn(draft, ['pipeline', 'maxLength'], 3);
    draft = setIn(draft, ['pipeline', 'triggers'], ['+', '']);
    draft = setIn(draft, ['rateLimit', 'user', 'perSecond'], 'abc');
    draft = setIn(draft, ['discord', 'api'], 'not a url');
    const issues = validateDraft(draft, ctx);
    expect(issues.map((i) => i.key).sort()).toEqual([
      'discord.api',
      'pipeline.maxLength',
      'pipeline.triggers.1',
      'rateLimit.user.perSecond',
    ]);
    expect(issues.every((i) => !i.server)).toBe(true);
  });

  it('checks secrets as they will be after saving (a SASL password is required)', () => {
    const draft = setIn(defaultConfig(), ['irc', 'servers'], [server]);
    expect(validateDraft(draft, { ...ctx, serverOrigins: [null] }).map((i) => i.key)).toEqual([
      'irc.servers.0.sasl.password',
    ]);
    const typed = { ...ctx, serverOrigins: [null], changes: { 'irc.servers.0.sasl.password': 'pw' } };
    expect(validateDraft(draft, typed)).toEqual([]);
    const held = { ...ctx, serverOrigins: [0], secrets: { 'irc.servers.0.sasl.password': true } };
    expect(validateDraft(draft, held)).toEqual([]);
  });

  it('words messages for operators and merges runtime issues without repeats', () => {
    expect(friendlyMessage('Invalid input: expected number, received string')).toBe('Enter a number.');
    expect(friendlyMessage('Too small: expected number to be >=16')).toBe('At least 16.');
    expect(friendlyMessage('Too big: expected number to be <=100000')).toBe('At most 100000.');
    expect(friendlyMessage('Too small: expected string to have >=1 characters')).toBe('Cannot be empty.');
    expect(friendlyMessage('something else')).toBe('something else');
    const client = validateDraft(setIn(defaultConfig(), ['bot', 'name'], ''), ctx);
    const server = fromApiIssues([
      { path: ['bot', 'name'], message: client[0]!.message },
      { path: ['pipeline', 'triggers'], message: 'in use' },
    ]);
    expect(mergeIssues(client, server).map((i) => `${i.key}:${i.server}`)).toEqual([
      'bot.name:false',
      'pipeline.triggers:true',
    ]);
  });
});
