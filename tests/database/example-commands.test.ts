// The example command files on the ORM: commands/car.ts (the seed's Car model: add, find, bulk
// scrap) and commands/factoid.ts (facts per guild, kept across restarts), through the command
// system and through `npm run bot -- --console` exactly as an operator runs it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CmdHarness, useHarnesses } from '../support/cmdsys-harness';
import { REPO_ROOT, runBot } from '../support/run-cli';
import { useTmpDirs } from '../support/tmp-dir';

const start = useHarnesses();
const tmp = useTmpDirs();
const example = (file: string): string => readFileSync(path.join(REPO_ROOT, 'commands', file), 'utf8');

describe('commands/car.ts', () => {
  it('adds, finds and scraps cars, per guild', async () => {
    const h = await start({ files: { 'car.ts': example('car.ts') } });
    expect(h.bot.commands.lastReloadReport!.failed).toEqual([]);
    expect(await h.run('car add Roadster 300')).toEqual(['Added car #1: Roadster, 300 hp.']);
    expect(await h.run('car add "Model T" 20')).toEqual(['Added car #2: Model T, 20 hp.']);
    expect(await h.run('car add Beetle 50')).toEqual(['Added car #3: Beetle, 50 hp.']);
    expect(await h.run('car find 2')).toEqual(['Found car #2: Model T, 20 hp.']);
    expect(await h.run('car find 9')).toEqual(['No car with serial number 9.']);
    expect(await h.run('car scrap 40')).toEqual(['Scrapped 2 cars.']);
    expect(await h.run('car find 1')).toEqual(['No car with serial number 1.']);
    expect(await h.run('car find 2')).toEqual(['Found car #2: Model T, 20 hp.']);
    // another guild has its own garage
    expect(await h.chat('car find 2').done()).toEqual(['No car with serial number 2.']);
    expect(await h.chat('car add Kart 5').done()).toEqual(['Added car #1: Kart, 5 hp.']);
    const [usage] = await h.run('car add Roadster lots');
    expect(usage).toMatch(/hp must be a whole number/i);
  });

  it('reloading the file keeps the data and the model', async () => {
    const h = await start({ files: { 'car.ts': example('car.ts') } });
    await h.run('car add Roadster 300');
    await h.reload(true);
    expect(await h.run('car find 1')).toEqual(['Found car #1: Roadster, 300 hp.']);
    expect(await h.run('car add Beetle 50')).toEqual(['Added car #2: Beetle, 50 hp.']);
  });
});

describe('commands/factoid.ts', () => {
  it('remembers facts in the guild database, across a restart of the bot', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'protos-factoid-'));
    try {
      const files = { 'factoid.ts': example('factoid.ts') };
      const first = await CmdHarness.start(dataDir, { files });
      try {
        expect(await first.run('factoid add test "test is test message"')).toEqual([
          'Okay, I\'ll remember "test".',
        ]);
        expect(await first.run('factoid add Other thing')).toEqual(['Okay, I\'ll remember "Other".']);
        expect(await first.run('factoid add test "changed"')).toEqual(['Okay, I\'ll remember "test".']);
        expect(await first.run('factoid get TEST')).toEqual(['TEST: changed']);
      } finally {
        await first.stop();
      }
      const second = await CmdHarness.start(dataDir, { files });
      try {
        expect(await second.run('factoid get test')).toEqual(['test: changed']);
        expect(await second.run('factoid')).toEqual(['I know about: other, test']);
        expect(await second.run('factoid nope')).toEqual(['I don\'t know anything about "nope".']);
        expect(await second.chat('factoid test').done()).toEqual(['I don\'t know anything about "test".']);
        const [tooLong] = await second.run(`factoid add ${'k'.repeat(300)} text`);
        expect(tooLong).toMatch(/^Invalid Factoid: key: is longer than 200 \(300\)/);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('npm run bot -- --console', () => {
  it("printf 'car add Roadster 300\\ncar find 1\\n' answers with the car", async () => {
    const dataDir = tmp();
    const result = await runBot(['--console', '--data-dir', dataDir], 'car add Roadster 300\ncar find 1\n');
    expect(result.stdout).toBe('Added car #1: Roadster, 300 hp.\nFound car #1: Roadster, 300 hp.\n');
    expect(result.code).toBe(0);
  });

  it('printf \'factoid add test "test is test message"\\nfactoid get test\\n\' remembers, also in the next run', async () => {
    const dataDir = tmp();
    const result = await runBot(
      ['--console', '--data-dir', dataDir],
      'factoid add test "test is test message"\nfactoid get test\n',
    );
    expect(result.stdout).toBe('Okay, I\'ll remember "test".\ntest: test is test message\n');
    const again = await runBot(['--console', '--data-dir', dataDir], 'factoid get test\n');
    expect(again.stdout).toBe('test: test is test message\n');
  });
});
