import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTmpDirs } from '../../../tests/support/tmp-dir';
import { Bot } from '../runtime/bot';
import { EXIT_CONFIG, EXIT_FAILURE, RuntimeStartFailure, describeStartupFailure } from './startup-failure';

const tmp = useTmpDirs();

describe('describeStartupFailure', () => {
  it('explains an invalid config file (from a real Bot.create) and exits 78', async () => {
    const dataDir = tmp();
    writeFileSync(path.join(dataDir, 'config.json'), JSON.stringify({ logging: { level: 'loud' } }));
    const err = await Bot.create({
      dataDir,
      commandsDir: path.join(dataDir, 'commands'),
      logConsole: false,
    }).then(
      () => null,
      (e: unknown) => e,
    );
    const failure = describeStartupFailure(err, 'ProtOS Panel');
    expect(failure.exitCode).toBe(EXIT_CONFIG);
    expect(failure.title).toBe('ProtOS Panel cannot start');
    expect(failure.message).toContain('config.json');
    expect(failure.message).toContain('logging.level');
    expect(failure.message).toMatch(/refuses to start/);
  });

  it('reports anything else with exit 1', () => {
    expect(describeStartupFailure(new Error('port in use'), 'ProtOS Panel')).toMatchObject({
      exitCode: EXIT_FAILURE,
      message: expect.stringContaining('port in use'),
    });
    expect(describeStartupFailure('weird', 'X').exitCode).toBe(EXIT_FAILURE);
  });

  it('explains a start failure the runtime process reported, with its exit code', () => {
    const config = describeStartupFailure(new RuntimeStartFailure('config.json: ranks.default', 78), 'P');
    expect(config).toMatchObject({
      exitCode: EXIT_CONFIG,
      message: expect.stringMatching(/ranks\.default[\s\S]*refuses to start/),
    });
    const other = describeStartupFailure(new RuntimeStartFailure('gave up restarting', 1), 'P');
    expect(other).toMatchObject({
      exitCode: EXIT_FAILURE,
      message: expect.stringContaining('gave up restarting'),
    });
  });
});
