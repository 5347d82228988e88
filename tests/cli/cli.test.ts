import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { botStdout, runBot } from '../support/run-cli';
import { useTmpDirs } from '../support/tmp-dir';

const tmp = useTmpDirs();

describe('npm run bot', () => {
  it('answers ping with pong on stdout and nothing else, then exits 0 on EOF', async () => {
    const dataDir = tmp();
    const result = await runBot(['--console', '--data-dir', dataDir], 'ping\n');
    expect(result.stdout).toBe('pong\n');
    expect(result.code).toBe(0);
    // logs went to stderr, including the graceful shutdown
    expect(result.stderr).toContain('bot stopped');
    // first run wrote the default config into the data dir
    expect(JSON.parse(readFileSync(path.join(dataDir, 'config.json'), 'utf8')).bot.name).toBe('bot');
  });

  it('refuses to start with an invalid config, naming the key and the file', async () => {
    const dataDir = tmp();
    writeFileSync(path.join(dataDir, 'config.json'), JSON.stringify({ ranks: { default: 'high' } }));
    const result = await runBot(['--console', '--data-dir', dataDir], 'ping\n');
    expect(result.code).not.toBe(0);
    expect(botStdout(result)).toBe('');
    expect(result.stderr).toContain('ranks.default');
    expect(result.stderr).toContain(path.join(dataDir, 'config.json'));
  });

  it('refuses a config that is not JSON', async () => {
    const dataDir = tmp();
    writeFileSync(path.join(dataDir, 'config.json'), '{ "bot": ');
    const result = await runBot(['--console', '--data-dir', dataDir]);
    expect(result.code).toBe(78);
    expect(result.stderr).toMatch(/not valid JSON/);
  });

  it('prints usage and exits 2 on an unknown flag', async () => {
    const result = await runBot(['--no-such-flag']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Unknown option '--no-such-flag'");
    expect(result.stderr).toContain('Usage: npm run bot');
    expect(botStdout(result)).toBe('');
  });

  it('exits 2 on a bad flag value', async () => {
    const result = await runBot(['--panel-port', 'eighty']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--panel-port');
  });

  it('prints help on --help', async () => {
    const result = await runBot(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--data-dir DIR');
  });
});
