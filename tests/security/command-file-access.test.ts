import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Api } from '../../src/main/api/api';
import type { Bot } from '../../src/main/runtime/bot';
import type { FileVersion } from '../../src/shared/dto/command-files';
import { useTmpDirs } from '../support/tmp-dir';
import { startTestBot, testApi } from '../support/test-bot';

const tmp = useTmpDirs();
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function setup(): Promise<{ bot: Bot; api: Api; dir: string; commands: string }> {
  const dir = tmp();
  const commands = path.join(dir, 'data', 'commands');
  mkdirSync(commands, { recursive: true });
  const bot = await startTestBot(path.join(dir, 'data'), { commandsDir: commands });
  const api = testApi(bot);
  cleanup.push(async () => {
    api.dispose();
    await bot.stop();
  });
  return { bot, api, dir, commands };
}

const call = (api: Api, method: string, input: unknown) =>
  api.router.call(method, input, { transport: 'test' });

const SOURCE = `import { Command } from 'cmdsys';
export class Hi extends Command {
  setup() { this.name = 'hi'; }
  async call() { await this.respond('hi'); }
}
`;

describe('command files: symlinks leaving the commands folder', () => {
  it('readFile refuses a link to a file outside (FORBIDDEN) and reveals nothing', async () => {
    const { api, dir, commands } = await setup();
    writeFileSync(path.join(dir, 'secret.ts'), 'TOP SECRET');
    symlinkSync(path.join(dir, 'secret.ts'), path.join(commands, 'leak.ts'));
    const res = await call(api, 'commands.readFile', { file: 'leak.ts' });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('FORBIDDEN');
      expect(res.error.message).not.toContain('TOP SECRET');
    }
  });

  it('writeFile refuses a link to a file outside and leaves both files as they were', async () => {
    const { api, dir, commands } = await setup();
    const outside = path.join(dir, 'outside.ts');
    writeFileSync(outside, 'original');
    symlinkSync(outside, path.join(commands, 'link.ts'));
    const res = await call(api, 'commands.writeFile', {
      file: 'link.ts',
      content: 'overwritten',
      reload: false,
    });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('FORBIDDEN');
    expect(readFileSync(outside, 'utf8')).toBe('original');
    expect(readFileSync(path.join(commands, 'link.ts'), 'utf8')).toBe('original');
  });

  it('refuses a dangling link that points outside', async () => {
    const { api, dir, commands } = await setup();
    symlinkSync(path.join(dir, 'not-yet.ts'), path.join(commands, 'dangling.ts'));
    const res = await call(api, 'commands.writeFile', { file: 'dangling.ts', content: 'x', reload: false });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('FORBIDDEN');
  });

  it('allows a link that stays inside the folder', async () => {
    const { api, commands } = await setup();
    writeFileSync(path.join(commands, 'real.ts'), SOURCE);
    symlinkSync(path.join(commands, 'real.ts'), path.join(commands, 'alias.ts'));
    const res = await call(api, 'commands.readFile', { file: 'alias.ts' });
    expect(res).toMatchObject({ ok: true, data: { content: SOURCE } });
  });
});

describe('command files: versioned saves', () => {
  async function open(api: Api, file: string): Promise<{ content: string; version: FileVersion }> {
    const res = await call(api, 'commands.readFile', { file });
    if (!res.ok) throw new Error(res.error.message);
    return res.data as { content: string; version: FileVersion };
  }

  it('a save based on the current version writes and returns the new version', async () => {
    const { api, commands } = await setup();
    writeFileSync(path.join(commands, 'hi.ts'), SOURCE);
    const opened = await open(api, 'hi.ts');
    const edited = SOURCE.replace("'hi'", "'hello'");
    const res = await call(api, 'commands.writeFile', {
      file: 'hi.ts',
      content: edited,
      reload: false,
      baseVersion: opened.version,
    });
    expect(res).toMatchObject({ ok: true, data: { conflict: null } });
    expect(readFileSync(path.join(commands, 'hi.ts'), 'utf8')).toBe(edited);
    const now = await call(api, 'commands.fileVersion', { file: 'hi.ts' });
    expect(now).toMatchObject({
      ok: true,
      data: { version: (res as { data: { version: FileVersion } }).data.version },
    });
  });

  it('a save based on an old version is refused with both sides, and the other edit survives', async () => {
    const { api, commands } = await setup();
    const file = path.join(commands, 'hi.ts');
    writeFileSync(file, SOURCE);
    const opened = await open(api, 'hi.ts');
    const theirs = SOURCE.replace("'hi'", "'edited elsewhere'");
    writeFileSync(file, theirs); // another editor saves meanwhile
    const version = await call(api, 'commands.fileVersion', { file: 'hi.ts' });
    expect((version as { data: { version: FileVersion } }).data.version.hash).not.toBe(opened.version.hash);

    const mine = SOURCE.replace("'hi'", "'mine'");
    const res = await call(api, 'commands.writeFile', {
      file: 'hi.ts',
      content: mine,
      reload: true,
      baseVersion: opened.version,
    });
    expect(res.ok).toBe(true);
    const data = (res as { data: { conflict: { disk: { content: string } } | null; report: unknown } }).data;
    expect(data.report).toBeNull();
    expect(data.conflict?.disk.content).toBe(theirs);
    expect(readFileSync(file, 'utf8')).toBe(theirs);

    // the operator chooses theirs-then-mine: a save based on the disk version goes through
    const disk = await open(api, 'hi.ts');
    const retry = await call(api, 'commands.writeFile', {
      file: 'hi.ts',
      content: mine,
      reload: false,
      baseVersion: disk.version,
    });
    expect(retry).toMatchObject({ ok: true, data: { conflict: null } });
    expect(readFileSync(file, 'utf8')).toBe(mine);
  });

  it('a save for a file deleted meanwhile is a conflict with no disk side', async () => {
    const { api, commands } = await setup();
    writeFileSync(path.join(commands, 'gone.ts'), SOURCE);
    const opened = await open(api, 'gone.ts');
    await call(api, 'commands.deleteFile', { file: 'gone.ts' });
    const res = await call(api, 'commands.writeFile', {
      file: 'gone.ts',
      content: SOURCE,
      reload: false,
      baseVersion: opened.version,
    });
    expect(res).toMatchObject({ ok: true, data: { conflict: { disk: null }, version: null } });
  });

  it('touching a file without changing it is not a conflict', async () => {
    const { api, commands } = await setup();
    const file = path.join(commands, 'hi.ts');
    writeFileSync(file, SOURCE);
    const opened = await open(api, 'hi.ts');
    writeFileSync(file, SOURCE);
    const res = await call(api, 'commands.writeFile', {
      file: 'hi.ts',
      content: SOURCE + '\n',
      reload: false,
      baseVersion: opened.version,
    });
    expect(res).toMatchObject({ ok: true, data: { conflict: null } });
  });
});
