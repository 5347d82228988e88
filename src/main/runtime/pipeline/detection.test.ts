import { describe, expect, it } from 'vitest';
import { detect } from './detection';

const base = { triggers: ['+'], names: ['bot'], mentions: ['<@42>', '<@!42>'], stripTriggerInPrivate: false };

describe('detect', () => {
  it('accepts several triggers, longest first', () => {
    const options = { ...base, triggers: ['!', '!!'] };
    expect(detect('!!help', false, options).text).toBe('help');
    expect(detect('!help', false, options).text).toBe('help');
  });

  it('ignores a bare trigger', () => {
    expect(detect('+', false, base).matched).toBe(false);
    expect(detect('+   ', false, base).matched).toBe(false);
  });

  it('matches the name case-insensitively and only with one separator', () => {
    expect(detect('BOT: ping', false, base)).toMatchObject({ matched: true, text: 'ping', via: 'name' });
    expect(detect('bot,ping', false, base).text).toBe('ping');
    expect(detect('bot', false, base).matched).toBe(false);
    expect(detect('bots ping', false, base).matched).toBe(false);
    expect(detect('bot_ ping', false, base).matched).toBe(false);
  });

  it('escapes names with regex characters (IRC nicks)', () => {
    const options = { ...base, names: ['b[o]t|x'] };
    expect(detect('b[o]t|x: ping', false, options).text).toBe('ping');
    expect(detect('bot: ping', false, options).matched).toBe(false);
  });

  it('treats a mention of the bot as its name', () => {
    expect(detect('<@42> ping', false, base)).toMatchObject({ matched: true, text: 'ping', via: 'mention' });
    expect(detect('<@!42>, ping', false, base).text).toBe('ping');
    expect(detect('<@43> ping', false, base).matched).toBe(false);
  });

  it('can strip a trigger in private when configured', () => {
    expect(detect('+help', true, base).text).toBe('+help');
    expect(detect('+help', true, { ...base, stripTriggerInPrivate: true }).text).toBe('help');
  });

  it('disables name addressing with no names', () => {
    expect(detect('bot, ping', false, { ...base, names: [], mentions: [] }).matched).toBe(false);
  });
});
