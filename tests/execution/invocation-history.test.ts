import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bot } from '../../src/main/runtime/bot';
import type { FinishedInvocation } from '../../src/shared/dto/running';
import { startTestBot, testApi } from '../support/test-bot';
import { useTmpDirs } from '../support/tmp-dir';

const tmp = useTmpDirs();
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

const COMMANDS = `import { Command } from 'cmdsys';
export class Fine extends Command {
  setup() { this.name = 'fine'; }
  async call() { await this.respond('ok'); }
}
export class Boom extends Command {
  setup() { this.name = 'boom'; }
  call() { throw new Error('kaboom'); }
}
export class Wait extends Command {
  setup() { this.name = 'wait'; }
  async call() { await new Promise((resolve) => this.signal.addEventListener('abort', resolve)); }
}
`;

async function setup() {
  const dir = tmp();
  const commandsDir = path.join(dir, 'commands');
  mkdirSync(commandsDir);
  writeFileSync(path.join(commandsDir, 'cmds.ts'), COMMANDS);
  const bot: Bot = await startTestBot(dir, { commandsDir });
  const api = testApi(bot);
  cleanup.push(async () => {
    api.dispose();
    await bot.stop();
  });
  const history = async (input: unknown = {}) =>
    api.router.call('invocations.history', input, { transport: 'test' });
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 200 && bot.commands.executor.list().length > 0; i++)
      await new Promise((r) => setTimeout(r, 5));
  };
  return { bot, history, settle };
}

describe('the history of finished invocations', () => {
  it('records how each invocation ended: finished, failed with its error id, cancelled with the reason', async () => {
    const { bot, history, settle } = await setup();
    await bot.console.exec('panel', 'fine');
    await bot.console.exec('panel', 'boom');
    await settle();
    const waiting = bot.console.exec('panel', 'wait'); // runs until cancelled
    for (let i = 0; i < 200 && bot.commands.executor.list().length === 0; i++)
      await new Promise((r) => setTimeout(r, 5));
    const running = bot.commands.executor.list()[0]!;
    bot.commands.executor.cancel(running.id, 'stopped from the panel');
    await waiting;
    await settle();

    const result = await history();
    expect(result.ok).toBe(true);
    const items = (result as { data: { invocations: FinishedInvocation[] } }).data.invocations;
    expect(items.map((i) => [i.command, i.outcome])).toEqual([
      ['fine', 'finished'],
      ['boom', 'failed'],
      ['wait', 'cancelled'],
    ]);
    const [fine, boom, wait] = items;
    expect(fine).toMatchObject({ network: 'console', text: 'fine', detail: null, errorId: null });
    expect(fine!.ms).toBeGreaterThanOrEqual(0);
    expect(boom!.detail).toBe('kaboom');
    expect(boom!.errorId).toMatch(/^[0-9a-f]{8}$/);
    expect(wait!.detail).toBe('stopped from the panel');
  });

  it('keeps at most 200 entries and honours the limit; a bad limit is a clear error', async () => {
    const { bot, history, settle } = await setup();
    for (let i = 0; i < 205; i++) await bot.console.exec('panel', 'fine');
    await settle();
    const all = (await history()) as { ok: true; data: { invocations: FinishedInvocation[] } };
    expect(all.data.invocations).toHaveLength(200);
    const ids = all.data.invocations.map((i) => i.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b)); // oldest first
    const two = (await history({ limit: 2 })) as typeof all;
    expect(two.data.invocations.map((i) => i.id)).toEqual(ids.slice(-2));
    for (const bad of [{ limit: 0 }, { limit: 201 }, { limit: 'x' }, { since: 1 }]) {
      const res = await history(bad);
      expect(res).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
  });
});
