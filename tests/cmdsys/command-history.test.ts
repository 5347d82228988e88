import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Api } from '../../src/main/api/api';
import type { CallResult } from '../../src/shared/contract';
import type { HistoryEntry } from '../../src/shared/dto/command-history';
import { useTmpDirs } from '../support/tmp-dir';
import { startTestBot, testApi } from '../support/test-bot';

const tmp = useTmpDirs();
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function setup(): Promise<{ api: Api; commands: string; data: string }> {
  const data = path.join(tmp(), 'data');
  const commands = path.join(data, 'commands');
  mkdirSync(commands, { recursive: true });
  const bot = await startTestBot(data, { commandsDir: commands });
  const api = testApi(bot);
  cleanup.push(async () => {
    api.dispose();
    await bot.stop();
  });
  return { api, commands, data };
}

const source = (reply: string): string => `import { Command } from 'cmdsys';
export class Hi extends Command {
  setup() { this.name = 'hi'; }
  async call() { await this.respond('${reply}'); }
}
`;

async function ok<T = unknown>(res: Promise<CallResult>): Promise<T> {
  const r = await res;
  if (!r.ok) throw new Error(`call failed: ${r.error.code} ${r.error.message}`);
  return r.data as T;
}

const call = (api: Api, method: string, input: unknown, transport: 'web' | 'ipc' | 'test' = 'web') =>
  api.router.call(method, input, { transport });

const versions = async (api: Api, file: string): Promise<HistoryEntry[]> =>
  (await ok<{ versions: HistoryEntry[] }>(call(api, 'commands.history', { file }))).versions;

describe('command file history over the API', () => {
  it('records each save with its transport, keeps the version written outside the panel', async () => {
    const { api, commands } = await setup();
    writeFileSync(path.join(commands, 'hi.ts'), source('from disk'));
    await ok(
      call(api, 'commands.writeFile', { file: 'hi.ts', content: source('one'), reload: false }, 'web'),
    );
    await ok(
      call(api, 'commands.writeFile', { file: 'hi.ts', content: source('two'), reload: false }, 'ipc'),
    );
    // another editor changes the file; the next save keeps that version too
    writeFileSync(path.join(commands, 'hi.ts'), source('outside'));
    await ok(call(api, 'commands.writeFile', { file: 'hi.ts', content: source('three'), reload: false }));
    const list = await versions(api, 'hi.ts');
    expect(list.map((v) => v.source)).toEqual([
      'panel-browser',
      'disk',
      'panel-desktop',
      'panel-browser',
      'disk',
    ]);
    const contents = await Promise.all(
      list.map(
        async (v) =>
          (await ok<{ content: string }>(call(api, 'commands.historyVersion', { file: 'hi.ts', id: v.id })))
            .content,
      ),
    );
    expect(contents).toEqual([
      source('three'),
      source('outside'),
      source('two'),
      source('one'),
      source('from disk'),
    ]);
    expect(list[0]!.bytes).toBe(Buffer.byteLength(source('three')));
  });

  it('rolls back: saves the old version as the newest, reloads, and the command answers with it', async () => {
    const { api, commands } = await setup();
    await ok(call(api, 'commands.writeFile', { file: 'hi.ts', content: source('first') }));
    await ok(call(api, 'commands.writeFile', { file: 'hi.ts', content: source('second') }));
    const [, first] = await versions(api, 'hi.ts');
    const { version } = await ok<{ version: { hash: string; mtimeMs: number } }>(
      call(api, 'commands.readFile', { file: 'hi.ts' }),
    );
    const res = await ok<{
      report: { loaded: string[]; updated: string[]; failed: unknown[] };
      entry: HistoryEntry;
    }>(call(api, 'commands.rollback', { file: 'hi.ts', id: first!.id, baseVersion: version }));
    expect(readFileSync(path.join(commands, 'hi.ts'), 'utf8')).toBe(source('first'));
    expect(res.report.failed).toEqual([]);
    expect([...res.report.loaded, ...res.report.updated]).toContain('hi.ts');
    expect(res.entry).toMatchObject({ source: 'rollback', restoredFrom: first!.id });
    const after = await versions(api, 'hi.ts');
    expect(after).toHaveLength(3);
    expect(after[0]!.id).toBe(res.entry.id);
  });

  it('a rollback based on an old disk version is a conflict and writes nothing', async () => {
    const { api, commands } = await setup();
    await ok(call(api, 'commands.writeFile', { file: 'hi.ts', content: source('first'), reload: false }));
    const opened = await ok<{ version: { hash: string; mtimeMs: number } }>(
      call(api, 'commands.readFile', { file: 'hi.ts' }),
    );
    writeFileSync(path.join(commands, 'hi.ts'), source('newer elsewhere'));
    const [first] = await versions(api, 'hi.ts');
    const res = await ok<{ conflict: { disk: { content: string } }; entry: null }>(
      call(api, 'commands.rollback', { file: 'hi.ts', id: first!.id, baseVersion: opened.version }),
    );
    expect(res.conflict.disk.content).toBe(source('newer elsewhere'));
    expect(res.entry).toBeNull();
    expect(readFileSync(path.join(commands, 'hi.ts'), 'utf8')).toBe(source('newer elsewhere'));
    expect(await versions(api, 'hi.ts')).toHaveLength(1);
  });

  it('answers bad requests with clear errors and leaves the file alone', async () => {
    const { api, commands } = await setup();
    await ok(call(api, 'commands.writeFile', { file: 'hi.ts', content: source('kept'), reload: false }));
    const missing = await call(api, 'commands.rollback', {
      file: 'hi.ts',
      id: `0000000000001-${'a'.repeat(32)}`,
    });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error).toMatchObject({ code: 'NOT_FOUND', message: /no version/ });
    const badId = await call(api, 'commands.historyVersion', { file: 'hi.ts', id: '../../etc/passwd' });
    expect(badId.ok).toBe(false);
    if (!badId.ok) expect(badId.error.code).toBe('BAD_REQUEST');
    const badName = await call(api, 'commands.history', { file: '../x.ts' });
    expect(badName.ok).toBe(false);
    expect(readFileSync(path.join(commands, 'hi.ts'), 'utf8')).toBe(source('kept'));
  });

  it('a damaged history does not fail the save; listing it says so', async () => {
    const { api, commands, data } = await setup();
    await ok(call(api, 'commands.writeFile', { file: 'hi.ts', content: source('a'), reload: false }));
    writeFileSync(path.join(data, 'command-history', 'hi.ts', 'index.json'), 'not json');
    await ok(call(api, 'commands.writeFile', { file: 'hi.ts', content: source('b'), reload: false }));
    expect(readFileSync(path.join(commands, 'hi.ts'), 'utf8')).toBe(source('b'));
    const res = await call(api, 'commands.history', { file: 'hi.ts' });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.message).toMatch(/damaged/);
  });
});
