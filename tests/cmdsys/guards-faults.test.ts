// In-process guards, faults: a command file's own `process`, uncaught faults attributed to the
// file at their source position and counted, and quarantine (five faults a minute, "Load
// again", lifted by a new version, the supervisor's entries, a damaged list).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { QuarantineFileSchema } from '../../src/shared/dto/quarantine';
import { contentHash } from '../../src/main/runtime/cmdsys/quarantine/quarantine-store';
import { commandFile, useHarnesses, waitFor } from '../support/cmdsys-harness';
import { answering, at, callDoing, fileStatus, positionOf } from '../support/guard-files';
import { detachRunnerFaultHandlers } from '../support/process-faults';
import { testApi } from '../support/test-bot';

const start = useHarnesses();
detachRunnerFaultHandlers();

describe("a command file's own process", () => {
  it.each(['exit(3)', 'abort()', 'kill(process.pid)', 'chdir("/")', 'setuid(0)', 'reallyExit(1)'])(
    'process.%s in call() fails the invocation naming the file; the bot goes on',
    async (call) => {
      const h = await start({ files: { 'bye.ts': callDoing('bye', `process.${call};`) } });
      const cwd = process.cwd();
      const [reply] = await h.run('bye');
      expect(reply).toMatch(/Something went wrong running "bye"/);
      const member = call.slice(0, call.indexOf('('));
      expect(h.logs('error').map((e) => e.err?.message ?? '')).toContainEqual(
        expect.stringContaining(`process.${member}() is not available to command files (called from bye.ts)`),
      );
      expect(process.cwd()).toBe(cwd);
      expect(await h.run('ping')).toEqual(['pong']);
    },
  );

  it('process.exit at top level is a load error with its position; the rest of process works', async () => {
    const TOP =
      commandFile(`const where = process.cwd() + String(process.env.PATH ? 1 : 0) + process.platform;
if (where) process.exit(3);
export class C extends Command { setup() { this.name = 'never'; } }`);
    const VIA_REQUIRE = commandFile(`import proc from 'node:process';
export class C extends Command {
  setup() { this.name = 'viareq'; }
  async call() { proc.exit(1); }
}`);
    const ASSIGN = callDoing('assign', 'process.exitCode = 9;');
    const h = await start({
      files: {
        'top.ts': TOP,
        'viareq.ts': VIA_REQUIRE,
        'assign.ts': ASSIGN,
        'good.ts': answering('good', 'ok'),
      },
    });
    expect(h.bot.commands.lastReloadReport!.failed).toEqual([
      {
        file: 'top.ts',
        ...positionOf(TOP, 'exit(3)'),
        message: expect.stringContaining(
          'process.exit() is not available to command files (called from top.ts)',
        ),
      },
    ]);
    expect((await h.run('viareq'))[0]).toMatch(/Something went wrong/);
    expect((await h.run('assign'))[0]).toMatch(/Something went wrong/);
    expect(process.exitCode).toBeUndefined();
    expect(await h.run('good')).toEqual(['ok']);
  });

  it('listeners a file adds to process are removed with its generation', async () => {
    const FILE = commandFile(`process.on('warning', () => undefined);
export class C extends Command { setup() { this.name = 'listens'; } async call() {} }`);
    const h = await start({ files: { 'listens.ts': FILE } });
    const before = process.listenerCount('warning');
    h.remove('listens.ts');
    await h.reload();
    expect(process.listenerCount('warning')).toBe(before - 1);
  });
});

describe('faults outside any invocation', () => {
  it('attributes a throw in a plain setTimeout callback to the file, at its source line', async () => {
    const SRC = callDoing('late', "setTimeout(() => { throw new Error('late boom'); }, 1);");
    const h = await start({ files: { 'late.ts': SRC } });
    expect(await h.run('late')).toEqual(['late done']);
    const faults = await waitFor('the fault', () =>
      fileStatus(h, 'late.ts')!.faults.count === 1 ? fileStatus(h, 'late.ts')!.faults : null,
    );
    expect(faults.last).toMatchObject({
      message: 'Error: late boom',
      location: at('late.ts', SRC, "new Error('late boom')"),
      kind: 'timeout callback',
    });
    expect(h.logs('error').map((e) => e.msg)).toContainEqual(
      `uncaught fault in ${at('late.ts', SRC, "new Error('late boom')")} (timeout callback): Error: late boom; the bot goes on`,
    );
    expect(await h.run('ping')).toEqual(['pong']);
    expect(h.bot.state).toBe('running');
  });

  it('attributes uncaught exceptions, unhandled rejections and EventEmitter errors via the process guards', async () => {
    const SRC = callDoing(
      'chaos',
      `process.nextTick(() => { throw new TypeError('tick boom'); });
    void Promise.reject(new RangeError('rejected boom'));
    process.nextTick(() => new EventEmitter().emit('error', new Error('emitter boom')));
    queueMicrotask(() => { throw new Error('microtask boom'); });`,
    );
    const FILE = `import { EventEmitter } from 'node:events';\n${SRC}`;
    const h = await start({ files: { 'chaos.ts': FILE } });
    expect(await h.run('chaos')).toEqual(['chaos done']);
    await waitFor('four faults', () => fileStatus(h, 'chaos.ts')!.faults.count === 4);
    const messages = h.logs('error').map((e) => e.msg);
    for (const [needle, kind] of [
      ["new TypeError('tick boom')", 'uncaughtException'],
      ["new RangeError('rejected boom')", 'unhandledRejection'],
      ["new Error('emitter boom')", 'uncaughtException'],
      ["new Error('microtask boom')", 'uncaughtException'],
    ] as const) {
      expect(messages).toContainEqual(
        expect.stringContaining(`uncaught fault in ${at('chaos.ts', FILE, needle)} (${kind})`),
      );
    }
    expect(await h.run('ping')).toEqual(['pong']);
  });

  it('still attributes a callback of a removed file (untracked timers outlive their generation)', async () => {
    const SRC = `import { setTimeout as later } from 'node:timers';\n${callDoing(
      'gone',
      "later(() => { throw new Error('after removal'); }, 50);",
    )}`;
    const h = await start({ files: { 'gone.ts': SRC } });
    expect(await h.run('gone')).toEqual(['gone done']);
    h.remove('gone.ts');
    await h.reload();
    await waitFor('the fault', () =>
      h
        .logs('error')
        .find((e) =>
          e.msg.startsWith(`uncaught fault in ${at('gone.ts', SRC, "new Error('after removal')")}`),
        ),
    );
    expect(h.logs('error').filter((e) => e.msg.includes('outside any command file'))).toEqual([]);
  });

  it('logs a fault no command file caused, and goes on', async () => {
    const h = await start();
    setTimeout(() => {
      throw new Error('runtime bug');
    }, 1);
    await waitFor('the log line', () =>
      h.logs('error').find((e) => e.msg === 'uncaughtException outside any command file (bug)'),
    );
    expect(await h.run('ping')).toEqual(['pong']);
  });
});

describe('quarantine', () => {
  const FAULTY = callDoing('faulty', "setTimeout(() => { throw new Error('again'); }, 1);");

  it('five faults within a minute unload and quarantine the file; Load again and a new version lift it', async () => {
    const h = await start({ files: { 'faulty.ts': FAULTY, 'good.ts': answering('good', 'ok') } });
    const api = testApi(h.bot);
    try {
      for (let i = 1; i <= 4; i++) {
        expect(await h.run('faulty')).toEqual(['faulty done']);
        await waitFor(`fault ${i}`, () => fileStatus(h, 'faulty.ts')!.faults.count === i);
      }
      expect(fileStatus(h, 'faulty.ts')!.state).toBe('loaded');
      await h.run('faulty');
      await waitFor('the quarantine', () => fileStatus(h, 'faulty.ts')!.state === 'quarantined');
      expect((await h.run('faulty'))[0]).toMatch(/unknown command|no command/i);

      const file = path.join(h.bot.dataDir, 'quarantine.json');
      const onDisk = QuarantineFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
      expect(onDisk.files['faulty.ts']).toMatchObject({
        reason: 'faults',
        message: expect.stringContaining('5 uncaught faults within 60 s; last: Error: again at faulty.ts:'),
        invocation: null,
        sha256: await contentHash(path.join(h.commandsDir, 'faulty.ts')),
      });

      // a reload keeps it out, and says so (also in the contract's DTOs)
      const report = await h.reload(true);
      expect(report.quarantined).toEqual([
        { file: 'faulty.ts', reason: 'faults', message: expect.stringContaining('5 uncaught faults') },
      ]);
      expect((await h.run('reloadCommands all'))[0]).toContain(
        'faulty.ts: quarantined (faults): 5 uncaught faults',
      );
      const listed = await api.router.call('commands.list', {}, { transport: 'test' });
      expect(listed).toMatchObject({ ok: true });
      const files = (listed as { data: { files: { file: string; state: string; quarantine: unknown }[] } })
        .data.files;
      expect(files.find((f) => f.file === 'faulty.ts')).toMatchObject({
        state: 'quarantined',
        quarantine: { reason: 'faults' },
      });

      // "Load again"
      const lifted = await api.router.call(
        'commands.liftQuarantine',
        { file: 'faulty.ts' },
        { transport: 'test' },
      );
      expect(lifted).toMatchObject({ ok: true, data: { loaded: ['faulty.ts'], quarantined: [] } });
      expect(await h.run('faulty')).toEqual(['faulty done']);
      expect(QuarantineFileSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).files).toEqual({});
      const again = await api.router.call(
        'commands.liftQuarantine',
        { file: 'faulty.ts' },
        { transport: 'test' },
      );
      expect(again).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(await h.run('good')).toEqual(['ok']);
    } finally {
      api.dispose();
    }
  });

  it('a quarantine written by the supervisor keeps the file out until a new version is saved', async () => {
    const h = await start({ files: { 'loop.ts': answering('spin', 'v1') } });
    const sha256 = (await contentHash(path.join(h.commandsDir, 'loop.ts')))!;
    writeFileSync(
      path.join(h.bot.dataDir, 'quarantine.json'),
      JSON.stringify({
        version: 1,
        files: {
          'loop.ts': {
            reason: 'stall',
            message: 'blocked the event loop for 5000 ms',
            stack: null,
            at: new Date().toISOString(),
            invocation: { id: 9, command: 'spin' },
            sha256,
          },
        },
      }),
    );
    const report = await h.reload(true);
    expect(report.quarantined).toEqual([
      { file: 'loop.ts', reason: 'stall', message: 'blocked the event loop for 5000 ms' },
    ]);
    expect((await h.run('spin'))[0]).not.toBe('v1');

    h.write('loop.ts', answering('spin', 'v2'));
    const after = await h.reload();
    expect(after).toMatchObject({ loaded: ['loop.ts'], quarantined: [] });
    expect(await h.run('spin')).toEqual(['v2']);
    const onDisk = QuarantineFileSchema.parse(
      JSON.parse(readFileSync(path.join(h.bot.dataDir, 'quarantine.json'), 'utf8')),
    );
    expect(onDisk.files).toEqual({});
  });

  it('a damaged quarantine.json is reported, kept as .bad, and every file loads', async () => {
    const dir = (await import('node:fs')).mkdtempSync(
      path.join((await import('node:os')).tmpdir(), 'protos-q-'),
    );
    writeFileSync(path.join(dir, 'quarantine.json'), '{ "version": 1, "files": { broken');
    const h = await start({ dataDir: dir, files: { 'good.ts': answering('good', 'ok') } });
    expect(h.bot.state).toBe('running');
    expect(await h.run('good')).toEqual(['ok']);
    expect(readFileSync(path.join(dir, 'quarantine.json.bad'), 'utf8')).toContain('broken');
    expect(h.logs('error').map((e) => e.msg)).toContainEqual(
      expect.stringContaining('quarantine list is damaged'),
    );
  });
});
