import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestBot } from '../support/test-bot';
import { useTmpDirs } from '../support/tmp-dir';
import { waitFor } from '../support/wait';

const tmp = useTmpDirs();

const until = (check: () => boolean): Promise<true> =>
  waitFor('the reload', () => check() || undefined, 8000, 25);

const command = (name: string, answer: string): string => `import { Command } from 'cmdsys';
export class C extends Command {
  setup() { this.name = '${name}'; }
  async call() { await this.respond('${answer}'); }
}`;

describe('commands.autoReload', () => {
  it('reloads by itself when files change, and stops when turned off', async () => {
    const dir = tmp();
    const commandsDir = path.join(dir, 'commands');
    mkdirSync(commandsDir);
    mkdirSync(path.join(dir, 'data'));
    writeFileSync(path.join(dir, 'data', 'config.json'), JSON.stringify({ commands: { autoReload: true } }));
    const bot = await startTestBot(path.join(dir, 'data'), { commandsDir });
    try {
      expect(bot.commands.watching).toBe(true);
      const out: string[] = [];
      bot.console.onOutput((o) => o.kind === 'response' && out.push(o.text));

      writeFileSync(path.join(commandsDir, 'hot.ts'), command('hot', 'v1'));
      await until(() => bot.commands.registry.hasTopLevel('hot'));
      await bot.console.exec('panel', 'hot');
      expect(out.at(-1)).toBe('v1');

      writeFileSync(path.join(commandsDir, 'hot.ts'), command('hot', 'v2'));
      await until(() => bot.commands.lastReloadReport?.updated.includes('hot.ts') ?? false);
      await bot.console.exec('panel', 'hot');
      expect(out.at(-1)).toBe('v2');

      await bot.config.set('commands.autoReload', false);
      expect(bot.commands.watching).toBe(false);
      writeFileSync(path.join(commandsDir, 'cold.ts'), command('cold', 'x'));
      await new Promise((r) => setTimeout(r, 600));
      expect(bot.commands.registry.hasTopLevel('cold')).toBe(false);
    } finally {
      await bot.stop();
    }
  });
});
