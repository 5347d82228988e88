import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandFileInStack } from './host';

describe('commandFileInStack', () => {
  const dir = path.resolve('/bot/commands');
  it('finds the first frame in the commands dir, relative and /-separated', () => {
    const stack = [
      'Error: x',
      `    at Timeout._onTimeout (${path.join(dir, 'sub', 'boom.ts')}:3:11)`,
      `    at other (${path.join(dir, 'b.ts')}:1:1)`,
    ].join('\n');
    expect(commandFileInStack(stack, dir)).toBe('sub/boom.ts');
  });

  it('ignores frames outside it (the runtime, node internals, a sibling dir with the same prefix)', () => {
    const stack = [
      'Error: x',
      '    at listOnTimeout (node:internal/timers:581:17)',
      `    at run (${path.resolve('/bot/commands-old/a.ts')}:1:1)`,
      `    at Bot.start (${path.resolve('/bot/src/main/runtime/bot.ts')}:140:5)`,
    ].join('\n');
    expect(commandFileInStack(stack, dir)).toBeNull();
  });
});
