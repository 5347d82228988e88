import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bot } from '../../src/main/runtime/bot';
import type { TraceDto } from '../../src/shared/dto/trace';
import { startTestBot } from '../support/test-bot';
import { useTmpDirs } from '../support/tmp-dir';

const tmp = useTmpDirs();
let bot: Bot | null = null;
afterEach(async () => {
  await bot?.stop();
  bot = null;
});

const COMMANDS = `import { Command } from 'cmdsys';
export class SyncBoom extends Command {
  setup() { this.name = 'syncboom'; }
  call() { throw new Error('sync kaboom'); }
}
export class AsyncBoom extends Command {
  setup() { this.name = 'asyncboom'; }
  async call() { await this.respond('working'); await new Promise((r) => setTimeout(r, 5)); throw new Error('async kaboom'); }
}
export class Fine extends Command {
  setup() { this.name = 'fine'; }
  async call() { await this.respond('ok'); }
}
`;

async function setup(): Promise<{ bot: Bot; seen: TraceDto[] }> {
  const dir = tmp();
  const commandsDir = path.join(dir, 'commands');
  mkdirSync(commandsDir);
  writeFileSync(path.join(commandsDir, 'boom.ts'), COMMANDS);
  bot = await startTestBot(dir, { commandsDir });
  const seen: TraceDto[] = [];
  bot.pipeline.onTrace((t) => seen.push(t));
  return { bot, seen };
}

/** Runs a line and waits until its invocation is over. */
async function runToEnd(b: Bot, line: string): Promise<TraceDto> {
  await b.console.exec('panel', line);
  for (let i = 0; i < 200 && b.commands.executor.list().length > 0; i++)
    await new Promise((r) => setTimeout(r, 5));
  await new Promise((r) => setImmediate(r)); // bus handlers run on the next turn
  return b.pipeline.recentTraces().at(-1)!;
}

describe('a command that fails after it started', () => {
  it.each([
    ['syncboom', 'sync kaboom'],
    ['asyncboom', 'async kaboom'],
  ])(
    '%s: the trace turns failed, with the error id of the log entry and of the reply',
    async (line, message) => {
      const { bot: b, seen } = await setup();
      const replies: string[] = [];
      b.console.onOutput((o) => o.kind === 'error' && replies.push(o.text));
      const trace = await runToEnd(b, line);
      expect(trace.command).toBe(line);
      expect(trace.outcome).toBe('failed');
      const error = trace.stages.at(-1)!;
      expect(error.stage).toBe('error');
      expect(error.abort).toBe(message);
      const id = /^error id ([0-9a-f]{8})$/.exec(error.step ?? '')?.[1];
      expect(id).toBeDefined();
      expect(replies.join('\n')).toContain(`(error id ${id})`);
      const logged = b.logging.ring.tail(1000).find((e) => e.fields?.errorId === id);
      expect(logged?.level).toBe('error');
      // listeners saw it invoked first, then the same trace again as failed
      const mine = seen.filter((t) => t.id === trace.id).map((t) => t.outcome);
      expect(mine.at(-1)).toBe('failed');
    },
  );

  it('a command that ends normally stays invoked, and one failure does not mark another trace', async () => {
    const { bot: b } = await setup();
    const ok = await runToEnd(b, 'fine');
    await runToEnd(b, 'syncboom');
    expect(b.pipeline.recentTraces().find((t) => t.id === ok.id)?.outcome).toBe('invoked');
    expect(ok.stages.some((s) => s.stage === 'error')).toBe(false);
  });
});

describe('a failure reported before its trace is finished', () => {
  it('is applied when the trace finishes', async () => {
    const { bot: b } = await setup();
    const first = await runToEnd(b, 'fine');
    b.pipeline.markFailed(first.invocationId! + 1, 'early', 'feedbeef');
    const next = await runToEnd(b, 'fine');
    expect(next.invocationId).toBe(first.invocationId! + 1);
    expect(next.outcome).toBe('failed');
    expect(next.stages.at(-1)).toMatchObject({ stage: 'error', step: 'error id feedbeef', abort: 'early' });
  });
});
