import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTmpDirs } from '../../../../tests/support/tmp-dir';
import { ConfigError } from './config-error';
import { ConfigManager } from './config-manager';

const tmp = useTmpDirs();

function configAt(content?: string): string {
  const file = path.join(tmp(), 'config.json');
  if (content !== undefined) writeFileSync(file, content);
  return file;
}

async function openError(content: string): Promise<ConfigError> {
  const file = configAt(content);
  const err = await ConfigManager.open(file).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ConfigError);
  return err as ConfigError;
}

describe('ConfigManager', () => {
  it('creates the file with defaults when missing', async () => {
    const file = path.join(tmp(), 'nested', 'config.json');
    const config = await ConfigManager.open(file);
    expect(config.get('bot.name')).toBe('bot');
    expect(config.get('logging.ringSize')).toBe(50_000);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ logging: { level: 'info' } });
  });

  it('fills in defaults for keys a file omits', async () => {
    const config = await ConfigManager.open(configAt('{"bot":{"name":"protos"}}'));
    expect(config.get('bot.name')).toBe('protos');
    expect(config.get('commands.timeoutMs')).toBe(60_000);
  });

  it('names the key and the file for a wrongly typed value', async () => {
    const err = await openError('{"logging":{"level":"loud"}}');
    expect(err.key).toBe('logging.level');
    expect(err.message).toContain('logging.level');
    expect(err.message).toContain(err.file);
  });

  it('names an unknown key (a typo is not silently ignored)', async () => {
    const err = await openError('{"loging":{"level":"info"}}');
    expect(err.key).toBe('loging');
    const nested = await openError('{"bot":{"nmae":"x"}}');
    expect(nested.key).toBe('bot.nmae');
  });

  it('reports a JSON syntax error with line and column', async () => {
    const err = await openError('{\n  "bot": {\n    "name": "x",\n  }\n}');
    expect(err.key).toBeNull();
    expect(err.message).toMatch(/not valid JSON at line 4, column 3/);
  });

  it('rejects a file that is not an object', async () => {
    const err = await openError('[1,2]');
    expect(err.message).toContain('expected object');
  });

  it('persists a change atomically and keeps a backup', async () => {
    const file = configAt('{}');
    const config = await ConfigManager.open(file);
    const changes: string[][] = [];
    config.onChange((c) => changes.push(c.paths));
    await config.set('bot.name', 'renamed');
    expect(JSON.parse(readFileSync(file, 'utf8')).bot.name).toBe('renamed');
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe('{}');
    expect(changes).toEqual([['bot.name']]);
    const reopened = await ConfigManager.open(file);
    expect(reopened.get('bot.name')).toBe('renamed');
  });

  it('refuses an invalid change and keeps the file as it was', async () => {
    const file = configAt('{"bot":{"name":"ok"}}');
    const config = await ConfigManager.open(file);
    await expect(config.replace({ bot: { name: '' } })).rejects.toThrow(/bot\.name/);
    expect(config.get('bot.name')).toBe('ok');
    expect(JSON.parse(readFileSync(file, 'utf8')).bot.name).toBe('ok');
    expect(existsSync(`${file}.bak`)).toBe(false);
  });

  it('applies overrides on top of the file without writing them', async () => {
    const file = configAt('{"logging":{"level":"warn"}}');
    const config = await ConfigManager.open(file, { 'logging.level': 'debug' });
    expect(config.get('logging.level')).toBe('debug');
    expect(config.stored().logging.level).toBe('warn');
    config.setOverride('logging.level', 'error');
    expect(config.get('logging.level')).toBe('error');
    expect(JSON.parse(readFileSync(file, 'utf8')).logging.level).toBe('warn');
  });

  it('rejects an invalid override', async () => {
    await expect(ConfigManager.open(configAt('{}'), { 'logging.level': 'loud' })).rejects.toThrow(
      /logging\.level/,
    );
  });
});
