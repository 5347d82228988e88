import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Api } from '../../src/main/api/api';
import type { Bot } from '../../src/main/runtime/bot';
import { ConfigManager, type ExternalEdit } from '../../src/main/runtime/config/config-manager';
import { ConfigConflictError, mergeConfigs } from '../../src/main/runtime/config/three-way';
import type { EventFrame } from '../../src/shared/contract';
import { useTmpDirs } from '../support/tmp-dir';
import { startTestBot, testApi } from '../support/test-bot';
import { waitFor } from '../support/wait';

const tmp = useTmpDirs();
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

const read = (file: string): Record<string, Record<string, unknown>> =>
  JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;

/** A hand edit: what an operator's editor does to the file while the bot runs. */
function handEdit(file: string, edit: (json: Record<string, Record<string, unknown>>) => void): void {
  const json = read(file);
  edit(json);
  writeFileSync(file, JSON.stringify(json, null, 2));
}

async function manager(): Promise<ConfigManager> {
  return ConfigManager.open(path.join(tmp(), 'config.json'));
}

describe('config.json edits made while the bot runs are never lost', () => {
  it('a save from chat merges into a hand edit the watcher has not seen yet, and .bak holds the hand edit', async () => {
    const config = await manager();
    handEdit(config.file, (j) => (j.bot = { name: 'edited-by-hand' }));
    await config.set('badWords.words', ['darn']); // what `badword add darn` does
    const onDisk = read(config.file);
    expect(onDisk.bot!.name).toBe('edited-by-hand');
    expect(onDisk.badWords!.words).toEqual(['darn']);
    expect(read(`${config.file}.bak`).bot!.name).toBe('edited-by-hand');
    expect(config.get('bot.name')).toBe('edited-by-hand');
  });

  it('refuses a save that changes a key the hand edit changed too, naming it, and keeps the file', async () => {
    const config = await manager();
    handEdit(config.file, (j) => (j.bot = { name: 'by-hand' }));
    const before = readFileSync(config.file, 'utf8');
    const err = await config.set('bot.name', 'from-chat').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigConflictError);
    expect((err as ConfigConflictError).keys).toEqual(['bot.name']);
    expect((err as Error).message).toContain('"bot.name"');
    expect(readFileSync(config.file, 'utf8')).toBe(before);
  });

  it('loads a valid hand edit, telling change and external-edit listeners', async () => {
    const config = await manager();
    const edits: ExternalEdit[] = [];
    const changes: string[][] = [];
    config.onExternalEdit((e) => edits.push(e));
    config.onChange((c) => changes.push(c.paths));
    handEdit(config.file, (j) => (j.logging = { ...j.logging, ringSize: 1234 }));
    await config.checkDisk();
    expect(config.get('logging.ringSize')).toBe(1234);
    expect(edits).toEqual([{ ok: true, paths: ['logging.ringSize'], revision: config.revision }]);
    expect(changes).toEqual([['logging.ringSize']]);
  });

  it('reports an invalid hand edit, keeps the last valid config and leaves the file alone; saves are refused until fixed', async () => {
    const config = await manager();
    const edits: ExternalEdit[] = [];
    config.onExternalEdit((e) => edits.push(e));
    const broken = '{ "bot": { "name": "half-typed", }';
    writeFileSync(config.file, broken);
    await config.checkDisk();
    expect(edits).toHaveLength(1);
    expect(edits[0]).toMatchObject({ ok: false });
    expect(config.diskProblem).toMatch(/Invalid config file/);
    expect(config.get('bot.name')).toBe('bot');
    const err = await config.set('badWords.mode', 'abort').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigConflictError);
    expect(readFileSync(config.file, 'utf8')).toBe(broken);
    // fixed by hand: loaded, and saving works again
    writeFileSync(config.file, '{ "bot": { "name": "fixed" } }');
    await config.checkDisk();
    expect(config.diskProblem).toBeNull();
    await config.set('badWords.mode', 'abort');
    expect(read(config.file)).toMatchObject({ bot: { name: 'fixed' }, badWords: { mode: 'abort' } });
  });

  it('the watcher picks up a hand edit by itself (and ignores our own writes)', async () => {
    const config = await manager();
    const stop = config.watch(20);
    cleanup.push(stop);
    const edits: ExternalEdit[] = [];
    config.onExternalEdit((e) => edits.push(e));
    await config.set('bot.name', 'ours');
    handEdit(config.file, (j) => (j.bot = { name: 'theirs' }));
    await waitFor('the watcher to load the edit', () => config.get('bot.name') === 'theirs');
    expect(edits.every((e) => e.ok && !e.paths.includes('badWords.mode'))).toBe(true);
    expect(edits.filter((e) => e.ok && e.paths.includes('bot.name'))).toHaveLength(1);
  });

  it('a save based on an older revision merges into the current config', async () => {
    const config = await manager();
    const base = config.revision;
    const baseConfig = structuredClone(config.stored());
    await config.set('logging.ringSize', 777); // someone else, after the panel loaded
    const mine = { ...baseConfig, bot: { name: 'panel' } };
    await config.replace(mine, { baseRevision: base });
    expect(config.get('bot.name')).toBe('panel');
    expect(config.get('logging.ringSize')).toBe(777);
    const conflicting = { ...baseConfig, logging: { ...baseConfig.logging, ringSize: 999 } };
    await expect(config.replace(conflicting, { baseRevision: base })).rejects.toThrow(/logging\.ringSize/);
    await expect(config.replace(conflicting, { baseRevision: 'unknown-rev' })).rejects.toBeInstanceOf(
      ConfigConflictError,
    );
    expect(config.get('logging.ringSize')).toBe(777);
  });

  it('mergeConfigs treats arrays as values and reports only real conflicts', () => {
    const base = { a: { x: 1, list: [1] }, b: 1 };
    expect(mergeConfigs(base, { a: { x: 2, list: [1] }, b: 1 }, { a: { x: 1, list: [1, 2] }, b: 1 })).toEqual(
      {
        merged: { a: { x: 2, list: [1, 2] }, b: 1 },
        conflicts: [],
      },
    );
    expect(mergeConfigs(base, { ...base, b: 2 }, { ...base, b: 2 }).conflicts).toEqual([]);
    expect(mergeConfigs(base, { ...base, b: 2 }, { ...base, b: 3 }).conflicts).toEqual(['b']);
  });
});

describe('the panel and config.json edits', () => {
  async function setup(): Promise<{ bot: Bot; api: Api; frames: EventFrame[] }> {
    const bot = await startTestBot(path.join(tmp(), 'data'));
    const api = testApi(bot);
    const frames: EventFrame[] = [];
    const unsubscribe = api.events.subscribe((f) => frames.push(f));
    cleanup.push(async () => {
      unsubscribe();
      api.dispose();
      await bot.stop();
    });
    return { bot, api, frames };
  }
  const call = (api: Api, method: string, input: unknown) =>
    api.router.call(method, input, { transport: 'test' });

  it('a hand edit is pushed to the panel, and a stale Settings save merges into it', async () => {
    const { bot, api, frames } = await setup();
    const got = (await call(api, 'config.get', {})) as {
      ok: true;
      data: { stored: Record<string, Record<string, unknown>>; revision: string };
    };
    handEdit(bot.config.file, (j) => (j.logging = { ...j.logging, ringSize: 4321 }));
    await waitFor('the config event', () =>
      frames
        .flat()
        .find((e) => e.event === 'config' && e.data.loaded && e.data.paths.includes('logging.ringSize')),
    );
    const stored = got.data.stored;
    const saved = await call(api, 'config.set', {
      config: { ...stored, bot: { name: 'from-panel' } },
      baseRevision: got.data.revision,
    });
    expect(saved.ok).toBe(true);
    expect(read(bot.config.file)).toMatchObject({ bot: { name: 'from-panel' }, logging: { ringSize: 4321 } });
  });

  it('a conflicting Settings save answers CONFLICT naming the key', async () => {
    const { bot, api } = await setup();
    const got = (await call(api, 'config.get', {})) as {
      ok: true;
      data: { stored: Record<string, Record<string, unknown>>; revision: string };
    };
    handEdit(bot.config.file, (j) => (j.bot = { name: 'by-hand' }));
    await bot.config.checkDisk();
    const res = await call(api, 'config.set', {
      config: { ...got.data.stored, bot: { name: 'from-panel' } },
      baseRevision: got.data.revision,
    });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('CONFLICT');
      expect(res.error.issues?.map((i) => i.path.join('.'))).toEqual(['bot.name']);
    }
    expect(read(bot.config.file).bot!.name).toBe('by-hand');
  });

  it('an invalid hand edit shows up in config.get as the disk problem', async () => {
    const { bot, api, frames } = await setup();
    writeFileSync(bot.config.file, '{ nope');
    await waitFor('the config event', () =>
      frames.flat().find((e) => e.event === 'config' && !e.data.loaded),
    );
    const got = (await call(api, 'config.get', {})) as { ok: true; data: { diskProblem: string | null } };
    expect(got.data.diskProblem).toMatch(/Invalid config file/);
    expect(readFileSync(bot.config.file, 'utf8')).toBe('{ nope');
  });
});

describe('chat commands and config.json edits', () => {
  it('`alias add` after a hand edit keeps the hand edit; `badword mode` over a hand-edited mode is refused in chat', async () => {
    const bot = await startTestBot(path.join(tmp(), 'data'));
    cleanup.push(() => bot.stop());
    bot.config.watch(10_000)(); // no watcher: the hand edit below is unseen until the save re-reads the file
    const out: string[] = [];
    bot.console.onOutput((o) => void out.push(`${o.kind}: ${o.text}`));

    handEdit(bot.config.file, (j) => (j.bot = { name: 'by-hand' }));
    await bot.console.exec('panel', 'alias add "hi {who}" "echo hello {who}"');
    expect(read(bot.config.file)).toMatchObject({ bot: { name: 'by-hand' } });
    expect(
      (read(bot.config.file).aliases as unknown as { pattern: string }[]).map((a) => a.pattern),
    ).toContain('hi {who}');

    handEdit(bot.config.file, (j) => (j.badWords = { ...j.badWords, mode: 'remove' }));
    out.length = 0;
    await bot.console.exec('panel', 'badword mode abort');
    expect(out.join('\n')).toMatch(/badWords\.mode/);
    expect(read(bot.config.file).badWords!.mode).toBe('remove');
  });
});
