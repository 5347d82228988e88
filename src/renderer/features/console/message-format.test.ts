import { describe, expect, it } from 'vitest';
import { parseMessage } from './message-format';

describe('parseMessage', () => {
  it('keeps plain text (including markup) as text', () => {
    expect(parseMessage('<b>hi</b> & <img src=x onerror=alert(1)>')).toEqual([
      { kind: 'text', text: '<b>hi</b> & <img src=x onerror=alert(1)>' },
    ]);
  });

  it('splits fenced code blocks with their language, dropping the fence line breaks', () => {
    expect(parseMessage('before\n```ts\nconst a = 1;\nconst b = 2;\n```\nafter')).toEqual([
      { kind: 'text', text: 'before' },
      { kind: 'code-block', lang: 'ts', text: 'const a = 1;\nconst b = 2;' },
      { kind: 'text', text: 'after' },
    ]);
    expect(parseMessage('```\nplain\n```')).toEqual([{ kind: 'code-block', lang: '', text: 'plain' }]);
  });

  it('leaves an unclosed fence as text', () => {
    expect(parseMessage('```ts\nno end')).toEqual([{ kind: 'text', text: '```ts\nno end' }]);
  });

  it('finds mentions, inline code and custom emoji', () => {
    expect(parseMessage('hi <@123> and <@!45>, role <@&6>, in <#78>: `x` <:wave:999>')).toEqual([
      { kind: 'text', text: 'hi ' },
      { kind: 'mention', type: 'user', id: '123', raw: '<@123>' },
      { kind: 'text', text: ' and ' },
      { kind: 'mention', type: 'user', id: '45', raw: '<@!45>' },
      { kind: 'text', text: ', role ' },
      { kind: 'mention', type: 'role', id: '6', raw: '<@&6>' },
      { kind: 'text', text: ', in ' },
      { kind: 'mention', type: 'channel', id: '78', raw: '<#78>' },
      { kind: 'text', text: ': ' },
      { kind: 'code', text: 'x' },
      { kind: 'text', text: ' ' },
      { kind: 'emoji', name: 'wave', raw: '<:wave:999>' },
    ]);
  });

  it('does not look for mentions inside code blocks', () => {
    expect(parseMessage('```\n<@1>\n```')).toEqual([{ kind: 'code-block', lang: '', text: '<@1>' }]);
  });
});
