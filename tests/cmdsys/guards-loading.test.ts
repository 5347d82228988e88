// In-process guards, loading: time limits on top-level code and setup(), concurrent setups,
// plain timers tracked to the generation, validation and duplicate names that never abort a
// batch, and built-ins that command code cannot change.
import { describe, expect, it } from 'vitest';
import { commandFile, useHarnesses, waitFor } from '../support/cmdsys-harness';
import { answering, callDoing } from '../support/guard-files';
import { detachRunnerFaultHandlers } from '../support/process-faults';
import { testApi } from '../support/test-bot';

const start = useHarnesses();
detachRunnerFaultHandlers();

describe('time limits and concurrent setup', () => {
  it('an endless loop at top level or in a synchronous setup() fails that file only', async () => {
    const h = await start({
      configOverrides: { 'guards.syncTimeoutMs': 200 },
      files: {
        'top-loop.ts': commandFile(
          `while (true) {}\nexport class C extends Command { setup() { this.name = 'toploop'; } }`,
        ),
        'setup-loop.ts': commandFile(
          `export class C extends Command { setup() { this.name = 'setuploop'; for (;;) {} } }`,
        ),
        'async-loop.ts': commandFile(
          `export class C extends Command { async setup() { this.name = 'asyncloop'; while (Date.now() > 0) {} } }`,
        ),
        'good.ts': answering('good', 'ok'),
      },
    });
    const failed = h.bot.commands.lastReloadReport!.failed;
    expect(failed.map((f) => f.file)).toEqual(['async-loop.ts', 'setup-loop.ts', 'top-loop.ts']);
    for (const f of failed)
      expect(f.message).toBe('top-level code or setup() did not finish within 200 ms (an endless loop?)');
    expect(await h.run('good')).toEqual(['ok']);
  });

  it('sets files up concurrently: five setups that wait for each other all load', async () => {
    // each setup finishes only once all five have started: one at a time, none would
    const barrier = (i: number): string =>
      commandFile(`const g = globalThis as unknown as { arrived?: number };
export class C extends Command {
  async setup() {
    this.name = 'together${i}';
    g.arrived = (g.arrived ?? 0) + 1;
    while ((g.arrived ?? 0) < 5) await new Promise((r) => setTimeout(r, 2));
  }
  async call() { await this.respond('${i}'); }
}`);
    const files = Object.fromEntries([1, 2, 3, 4, 5].map((i) => [`together${i}.ts`, barrier(i)]));
    const h = await start({ configOverrides: { 'guards.setupTimeoutMs': 2_000 }, files });
    try {
      expect(h.bot.commands.lastReloadReport).toMatchObject({ failed: [], loaded: Object.keys(files) });
      expect(await h.run('together3')).toEqual(['3']);
    } finally {
      delete (globalThis as { arrived?: number }).arrived;
    }
  });

  it('a setup that never resolves fails after setupTimeoutMs; its timers are released', async () => {
    const h = await start({
      configOverrides: { 'guards.setupTimeoutMs': 300 },
      files: {
        'hang.ts': commandFile(`export class C extends Command {
  async setup() { this.name = 'hang'; setInterval(() => undefined, 5); await new Promise(() => undefined); }
}`),
        'good.ts': answering('good', 'ok'),
      },
    });
    expect(h.bot.commands.lastReloadReport!.failed).toEqual([
      { file: 'hang.ts', line: null, column: null, message: 'C.setup() did not finish within 300 ms' },
    ]);
    expect(h.bot.commands.loader.resourceCounts().timers).toBe(0);
    expect(await h.run('good')).toEqual(['ok']);
  });
});

describe('plain timers belong to the generation', () => {
  it('setInterval/setTimeout/setImmediate from a file are released on reload and removal', async () => {
    const source = (v: number): string =>
      commandFile(`const g = globalThis as unknown as { ticks?: string[] };
setInterval(() => { (g.ticks ??= []).push('v${v}'); }, 2);
setTimeout(() => undefined, 60_000);
const keep = setImmediate(() => undefined);
clearImmediate(keep);
export class C extends Command { setup() { this.name = 'ticker'; } async call() { await this.respond('v${v}'); } }`);
    const h = await start({ files: { 'ticker.ts': source(1) } });
    const g = globalThis as { ticks?: string[] };
    try {
      expect(h.bot.commands.loader.resourceCounts().timers).toBe(2);
      await waitFor('v1 ticks', () => g.ticks?.includes('v1'));
      h.write('ticker.ts', source(2));
      await h.reload();
      expect(h.bot.commands.loader.resourceCounts().timers).toBe(2);
      g.ticks = [];
      await waitFor('v2 ticks', () => (g.ticks?.length ?? 0) >= 3);
      expect(new Set(g.ticks)).toEqual(new Set(['v2']));
      h.remove('ticker.ts');
      await h.reload();
      expect(h.bot.commands.loader.resourceCounts().timers).toBe(0);
    } finally {
      delete g.ticks;
    }
  });
});

describe('validation never aborts a batch', () => {
  const NAME_42 = commandFile(
    `export class C extends Command { setup() { (this as unknown as { name: unknown }).name = 42; } }`,
  );

  it('this.name = 42 at a cold start fails that file; the bot starts', async () => {
    const h = await start({ files: { 'bad.ts': NAME_42, 'good.ts': answering('good', 'ok') } });
    expect(h.bot.state).toBe('running');
    expect(h.bot.commands.lastReloadReport!.failed).toEqual([
      {
        file: 'bad.ts',
        line: null,
        column: null,
        message: 'the command name must be a string, got number 42',
      },
    ]);
    expect(await h.run('good')).toEqual(['ok']);
  });

  it('this.name = 42 during a reload fails that file only; later reloads work', async () => {
    const h = await start({
      files: { 'a.ts': answering('a', 'a1'), 'm.ts': answering('m', 'm1'), 'z.ts': answering('z', 'z1') },
    });
    h.write('a.ts', answering('a', 'a2'));
    h.write('m.ts', NAME_42);
    h.write('z.ts', answering('z', 'z2'));
    const report = await h.reload();
    expect(report).toMatchObject({ updated: ['a.ts', 'z.ts'], failed: [{ file: 'm.ts' }] });
    expect(await h.run('a')).toEqual(['a2']);
    expect(await h.run('m')).toEqual(['m1']); // the previous version keeps running
    expect(await h.run('z')).toEqual(['z2']);
    h.write('m.ts', answering('m', 'm3'));
    expect(await h.reload()).toMatchObject({ updated: ['m.ts'], failed: [] });
    expect(await h.run('m')).toEqual(['m3']);
  });

  it.each([
    ['aliases = [1]', `this.aliases = [1 as unknown as string];`, 'invalid alias number 1 of "v"'],
    ['aliases = "x"', `(this as any).aliases = 'x';`, 'aliases of "v" must be an array of names, got "x"'],
    ['minRank = 0', `this.minRank = 0;`, 'minRank of "v" must be an integer ≥ 1 or null, got number 0'],
    ['minRank = 1.5', `this.minRank = 1.5;`, 'minRank of "v" must be an integer ≥ 1 or null, got number 1.5'],
    [
      'timeoutMs = -1',
      `this.timeoutMs = -1;`,
      'timeoutMs of "v" must be an integer ≥ 0 or null, got number -1',
    ],
    ['desc = null', `(this as any).desc = null;`, 'desc of "v" must be a string, got null'],
    ['module = ""', `this.module = '';`, 'invalid module name "" of "v"'],
    [
      'arguments hold a string',
      `(this.arguments as unknown[]).push('x');`,
      'arguments of "v" must be Argument objects',
    ],
    ['name with a quote', `this.name = 'it"s';`, 'invalid command name "it"s"'],
  ])("%s is that file's load error", async (_, code, message) => {
    const h = await start({
      files: {
        'v.ts': commandFile(
          `export class C extends Command { setup() { this.name = 'v'; ${code} } async call() {} }`,
        ),
        'good.ts': answering('good', 'ok'),
      },
    });
    expect(h.bot.commands.lastReloadReport!.failed).toEqual([
      { file: 'v.ts', line: null, column: null, message: expect.stringContaining(message) },
    ]);
    expect(await h.run('good')).toEqual(['ok']);
  });
});

describe('duplicate names', () => {
  it('on a cold start the alphabetically first file keeps the name; a reload decides the same', async () => {
    const h = await start({
      files: { 'b.ts': answering('twin', 'from b'), 'a.ts': answering('twin', 'from a') },
    });
    const expected = [
      { file: 'b.ts', line: null, column: null, message: 'name "twin" is already used by "twin" in a.ts' },
    ];
    expect(h.bot.commands.lastReloadReport!.failed).toEqual(expected);
    expect(await h.run('twin')).toEqual(['from a']);
    expect((await h.reload(true)).failed).toEqual(expected);
    h.write('a.ts', answering('twin', 'from a, v2'));
    h.write('b.ts', answering('twin', 'from b, v2'));
    expect((await h.reload()).failed).toEqual(expected);
    expect(await h.run('twin')).toEqual(['from a, v2']);
  });

  it('the file that held the name first keeps it when another file takes it later', async () => {
    const h = await start({ files: { 'b.ts': answering('twin', 'from b') } });
    h.write('a.ts', answering('twin', 'from a'));
    const report = await h.reload();
    expect(report.failed).toEqual([
      { file: 'a.ts', line: null, column: null, message: 'name "twin" is already used by "twin" in b.ts' },
    ]);
    expect(await h.run('twin')).toEqual(['from b']);
    // a file giving the name up in the same reload lets the other one have it
    h.write('b.ts', answering('other', 'from b'));
    h.write('a.ts', answering('twin', 'from a, v2'));
    expect((await h.reload()).failed).toEqual([]);
    expect(await h.run('twin')).toEqual(['from a, v2']);
  });
});

describe('built-ins are protected', () => {
  it('Object.prototype.x = 1 fails the file; the panel API keeps answering', async () => {
    const POLLUTE = commandFile(`(Object.prototype as unknown as Record<string, number>).x = 1;
export class C extends Command { setup() { this.name = 'polluter'; } }`);
    const h = await start({
      files: {
        'pollute.ts': POLLUTE,
        'arrays.ts': commandFile(
          `Array.prototype.map = () => [];\nexport class C extends Command { setup() { this.name = 'arrays'; } }`,
        ),
        'json.ts': commandFile(
          `JSON.parse = () => null;\nexport class C extends Command { setup() { this.name = 'json'; } }`,
        ),
        'override.ts': callDoing(
          'override',
          `const o = { a: 1 } as { a: number; toString(): string };
    o.toString = () => 'mine';
    await this.respond(String(o));`,
        ),
      },
    });
    const failed = h.bot.commands.lastReloadReport!.failed;
    expect(failed.map((f) => [f.file, f.line])).toEqual([
      ['arrays.ts', null],
      ['json.ts', 3],
      ['pollute.ts', 3],
    ]);
    expect(failed[0]!.message).toMatch(/replaced built-in Array\.prototype\.map \(put back/);
    expect(failed[1]!.message).toMatch(/TypeError: Cannot assign to read only property 'parse'/);
    expect(failed[2]!.message).toMatch(/TypeError: Cannot add property x, object is not extensible/);
    expect([1, 2].map((n) => n + 1)).toEqual([2, 3]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(await h.run('override')).toEqual(['mine', 'override done']);

    // replaced later, from call(): put back by the periodic check
    const original = String.prototype.anchor;
    h.write(
      'late.ts',
      callDoing('late', "(String.prototype as unknown as { anchor: unknown }).anchor = () => 'mine';"),
    );
    await h.reload();
    expect(await h.run('late')).toEqual(['late done']);
    await waitFor(
      'the built-in to be put back',
      () =>
        String.prototype.anchor === original &&
        h.logs('error').some((e) => e.msg.includes('String.prototype.anchor was replaced')),
      5_000,
    );

    const api = testApi(h.bot);
    try {
      expect(await api.router.call('status.get', {}, { transport: 'test' })).toMatchObject({ ok: true });
      expect(await api.router.call('logs.setLevel', { level: 'debug' }, { transport: 'test' })).toMatchObject(
        {
          ok: true,
        },
      );
      expect(await api.router.call('commands.list', {}, { transport: 'test' })).toMatchObject({ ok: true });
    } finally {
      api.dispose();
    }
  });
});
