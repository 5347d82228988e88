// The loader: broken files never stop the bot and are reported with file:line:col; a reload is
// atomic per file; removed files unregister; onReload hands state over; everything a generation
// registered (listeners, timers, RPC and clean-up handlers) is released with it.
import { describe, expect, it } from 'vitest';
import { commandFile, useHarnesses, waitFor, type CmdHarness } from '../support/cmdsys-harness';

const start = useHarnesses();

/** 1-based line and column of the first occurrence of `needle` in `source`. */
function positionOf(source: string, needle: string): { line: number; column: number } {
  const at = source.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" not in source`);
  const before = source.slice(0, at).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

const answering = (name: string, answer: string, extra = ''): string =>
  commandFile(`export class C extends Command {
  setup() { this.name = '${name}';${extra} }
  async call() { await this.respond('${answer}'); }
}`);

const SYNTAX = commandFile(`export class Broken extends Command {
  setup() { this.name = 'syntax'; }
  async call() { await this.respond(1 +); }
}`);

const TOP_LEVEL = commandFile(`const ready = true;
if (ready) throw new Error('top level boom');
export class TopLevel extends Command {
  setup() { this.name = 'toplevel'; }
}`);

const IN_SETUP = commandFile(`export class InSetup extends Command {
  setup() {
    this.name = 'insetup';
    throw new RangeError('setup boom');
  }
}`);

const DUPLICATE_NAME = commandFile(`export class One extends Command {
  setup() { this.name = 'twin'; }
}
export class Two extends Command {
  setup() { this.name = 'Twin'; }
}`);

const ALIAS_A = answering('alpha', 'alpha', " this.aliases = ['shared'];");
const ALIAS_B = answering('beta', 'beta', " this.aliases = ['shared'];");

const DEFAULT_EXPORT = `export default { name: 'not a command' };\n`;

const MISSING_RELATIVE = commandFile(`import { helper } from './lib/nope';
export class UsesHelper extends Command {
  setup() { this.name = 'helped'; this.desc = helper; }
}`);

const MISSING_PACKAGE = commandFile(`import leftPad from 'no-such-package-protos-test';
export class UsesPackage extends Command {
  setup() { this.name = 'padded'; this.desc = String(leftPad); }
}`);

const INVALID_NAME = answering('has space', 'never');

const ECHO = commandFile(
  `export class Echo extends Command {
  setup() { this.name = 'echo'; return this.addArgument(new StringArgument('text', true)); }
  async call({ text }: ArgsOf<Echo>) { await this.respond(text ?? ''); }
}`,
  'Command, StringArgument, type ArgsOf',
);

const NOTHING = `// a helper that exports no command\nexport const answer = 42;\n`;

const GOOD = commandFile(`import { greeting } from './lib/greet';
export class Good extends Command {
  setup() { this.name = 'good'; }
  async call() { await this.respond(greeting()); }
}`);
const GREET = `export const greeting = (): string => 'good answer';\n`;

const CORPUS: Record<string, string> = {
  'good.ts': GOOD,
  'lib/greet.ts': GREET,
  'syntax.ts': SYNTAX,
  'top-level.ts': TOP_LEVEL,
  'in-setup.ts': IN_SETUP,
  'duplicate-name.ts': DUPLICATE_NAME,
  'alias-a.ts': ALIAS_A,
  'alias-b.ts': ALIAS_B,
  'default-export.ts': DEFAULT_EXPORT,
  'missing-relative.ts': MISSING_RELATIVE,
  'missing-package.ts': MISSING_PACKAGE,
  'invalid-name.ts': INVALID_NAME,
  'nothing.ts': NOTHING,
  'plain.js': `const { Command } = require('cmdsys');\nexports.Js = class extends Command {\n  setup() { this.name = 'fromjs'; }\n  call() { return this.respond('js works'); }\n};\n`,
};

/** What the reload report and the error log must say about each broken file. */
const EXPECTED_FAILURES = [
  {
    file: 'alias-b.ts',
    line: null,
    column: null,
    message: expect.stringContaining('name "shared" is already used by "alpha" in alias-a.ts'),
  },
  {
    file: 'default-export.ts',
    line: null,
    column: null,
    message: 'the default export is not a Command class (got object)',
  },
  {
    file: 'duplicate-name.ts',
    line: null,
    column: null,
    message: expect.stringContaining('name "Twin" is used twice in this file'),
  },
  { file: 'in-setup.ts', ...positionOf(IN_SETUP, 'new RangeError'), message: 'RangeError: setup boom' },
  {
    file: 'invalid-name.ts',
    line: null,
    column: null,
    message: expect.stringContaining('invalid command name "has space"'),
  },
  {
    file: 'missing-package.ts',
    ...positionOf(MISSING_PACKAGE, "'no-such-package-protos-test'"),
    message: "Error: Cannot find module 'no-such-package-protos-test'",
  },
  {
    file: 'missing-relative.ts',
    ...positionOf(MISSING_RELATIVE, "'./lib/nope'"),
    message: 'Could not resolve "./lib/nope"',
  },
  { file: 'syntax.ts', ...positionOf(SYNTAX, ');'), message: 'Unexpected ")"' },
  {
    file: 'top-level.ts',
    ...positionOf(TOP_LEVEL, "new Error('top level boom')"),
    message: 'Error: top level boom',
  },
];

describe('the broken-file corpus', () => {
  it('keeps the bot up, reports every failure with file:line:col, and the good commands answer', async () => {
    const h = await start({ files: CORPUS });
    expect(h.bot.state).toBe('running');
    const report = h.bot.commands.lastReloadReport!;
    expect(report.failed).toEqual(EXPECTED_FAILURES);
    expect(report.loaded.sort()).toEqual(['alias-a.ts', 'good.ts', 'nothing.ts', 'plain.js']);

    // each failure is in the log at error level, with its position
    const errors = h.logs('error').map((e) => e.msg);
    for (const f of report.failed) {
      const where = f.line !== null ? `${f.file}:${f.line}:${f.column}` : f.file;
      expect(errors).toContainEqual(`command file failed: ${where}: ${f.message}`);
    }
    expect(errors).toHaveLength(report.failed.length);
    // the file exporting nothing is ignored, silently (a debug line only)
    expect(h.logs().some((e) => e.msg.includes('nothing.ts'))).toBe(false);
    expect(h.bot.commands.loader.files().find((f) => f.file === 'nothing.ts')).toMatchObject({
      state: 'empty',
      error: null,
    });

    expect(await h.run('good')).toEqual(['good answer']);
    expect(await h.run('shared')).toEqual(['alpha']);
    expect(await h.run('fromjs')).toEqual(['js works']);
    expect(await h.run('ping')).toEqual(['pong']);
    expect(h.bot.status().commands.failed).toBe(EXPECTED_FAILURES.length);
  });

  it('reloadCommands reports the failures the same way, and the bot still answers', async () => {
    const h = await start({ files: CORPUS });
    const [text] = await h.run('reloadCommands all');
    const lines = text!.split('\n');
    expect(lines[0]).toMatch(/^Reloaded commands in \d+ ms: 0 loaded, \d+ updated, 0 removed, 9 failed\.$/);
    expect(lines).toContain(
      `  syntax.ts:${positionOf(SYNTAX, ');').line}:${positionOf(SYNTAX, ');').column}: Unexpected ")"`,
    );
    expect(lines).toContain('  default-export.ts: the default export is not a Command class (got object)');
    expect(await h.run('good')).toEqual(['good answer']);
  });

  it('a name taken by an internal command fails the file', async () => {
    const h = await start({ files: { 'clash.ts': answering('Ping', 'my pong') } });
    expect(h.bot.commands.lastReloadReport!.failed).toEqual([
      {
        file: 'clash.ts',
        line: null,
        column: null,
        message: 'name "Ping" is already used by internal command "ping"',
      },
    ]);
    expect(await h.run('ping')).toEqual(['pong']);
  });

  it('ignores a file exporting nothing with a debug line only', async () => {
    const h = await start({
      files: { 'nothing.ts': NOTHING },
      configOverrides: { 'logging.level': 'debug' },
    });
    expect(h.bot.commands.lastReloadReport).toMatchObject({ failed: [], loaded: ['nothing.ts'] });
    const about = h.logs().filter((e) => JSON.stringify(e).includes('nothing.ts'));
    expect(about).toEqual([
      expect.objectContaining({ level: 'debug', msg: 'file exports no command; ignored' }),
    ]);
  });

  it('reports a throw inside an imported helper with the helper position', async () => {
    const h = await start({
      files: {
        'lib/explode.ts': `export function explode(): never {\n  throw new Error('helper boom');\n}\n`,
        'uses-helper.ts': commandFile(`import { explode } from './lib/explode';
export class C extends Command {
  setup() { this.name = 'usesHelper'; explode(); }
}`),
      },
    });
    expect(h.bot.commands.lastReloadReport!.failed).toEqual([
      {
        file: 'uses-helper.ts',
        line: null,
        column: null,
        message: 'Error: helper boom (in lib/explode.ts:2:9)',
      },
    ]);
  });
});

describe('reload', () => {
  it('is atomic per file: a broken new version keeps the old one answering', async () => {
    const h = await start({ files: { 'a.ts': answering('a', 'a v1'), 'b.ts': answering('b', 'b v1') } });
    expect(await h.run('a')).toEqual(['a v1']);

    for (const [kind, broken] of [
      ['syntax', `${answering('a', 'a v2')}}}`],
      ['top-level throw', `${answering('a', 'a v2')}throw new Error('nope');\n`],
      ['setup throw', answering('a', 'a v2', " throw new Error('setup nope');")],
      ['conflict', answering('a', 'a v2', " this.aliases = ['b'];")],
      ['invalid name', answering('a a', 'a v2')],
    ] as const) {
      h.write('a.ts', broken);
      h.write('b.ts', answering('b', `b after ${kind}`));
      const report = await h.reload();
      expect(
        report.failed.map((f) => f.file),
        kind,
      ).toEqual(['a.ts']);
      expect(report.updated, kind).toEqual(['b.ts']);
      expect(await h.run('a'), kind).toEqual(['a v1']);
      expect(await h.run('b'), kind).toEqual([`b after ${kind}`]);
      expect(h.bot.commands.loader.files().find((f) => f.file === 'a.ts')).toMatchObject({
        state: 'failed',
        commands: ['a'],
      });
    }

    h.write('a.ts', answering('a', 'a v2'));
    const fixed = await h.reload();
    expect(fixed).toMatchObject({ updated: ['a.ts'], failed: [], loaded: [], removed: [] });
    expect(await h.run('a')).toEqual(['a v2']);
  });

  it('reports {loaded, updated, removed, failed, ms}; unchanged files are skipped', async () => {
    const h = await start({ files: { 'a.ts': answering('a', 'a'), 'b.ts': answering('b', 'b') } });
    const first = h.bot.commands.lastReloadReport!;
    expect(first).toMatchObject({ loaded: ['a.ts', 'b.ts'], updated: [], removed: [], failed: [] });
    expect(first.ms).toBeGreaterThan(0);

    const nothing = await h.reload();
    expect(nothing).toMatchObject({ loaded: [], updated: [], removed: [], failed: [], unchanged: 2 });

    h.write('c.ts', answering('c', 'c'));
    h.write('a.ts', answering('a', 'a2'));
    h.remove('b.ts');
    const mixed = await h.reload();
    expect(mixed).toMatchObject({ loaded: ['c.ts'], updated: ['a.ts'], removed: ['b.ts'], failed: [] });

    const forced = await h.reload(true);
    expect(forced).toMatchObject({ updated: ['a.ts', 'c.ts'], unchanged: 0 });
  });

  it('a removed file unregisters its commands, even while it was failing', async () => {
    const h = await start({
      files: { 'a.ts': answering('a', 'a', " this.aliases = ['aa'];"), 'b.ts': answering('b', 'b') },
    });
    h.remove('a.ts');
    expect((await h.reload()).removed).toEqual(['a.ts']);
    expect((await h.run('a'))[0]).toMatch(/^Unknown command "a"/);
    expect((await h.run('aa'))[0]).toMatch(/^Unknown command "aa"/);

    h.write('b.ts', '}}} broken');
    expect((await h.reload()).failed.map((f) => f.file)).toEqual(['b.ts']);
    expect(await h.run('b')).toEqual(['b']);
    h.remove('b.ts');
    expect((await h.reload()).removed).toEqual(['b.ts']);
    expect((await h.run('b'))[0]).toMatch(/^Unknown command "b"/);
    expect(h.bot.commands.loader.files()).toEqual([]);
  });

  it('a file that stops exporting commands unregisters them', async () => {
    const h = await start({ files: { 'a.ts': answering('a', 'a') } });
    h.write('a.ts', NOTHING);
    expect(await h.reload()).toMatchObject({ updated: ['a.ts'], failed: [] });
    expect((await h.run('a'))[0]).toMatch(/^Unknown command "a"/);
  });

  it('follows changes to an imported helper', async () => {
    const h = await start({ files: { 'good.ts': GOOD, 'lib/greet.ts': GREET } });
    expect(await h.run('good')).toEqual(['good answer']);
    h.write('lib/greet.ts', `export const greeting = (): string => 'new greeting';\n`);
    expect((await h.reload()).updated).toEqual(['good.ts']);
    expect(await h.run('good')).toEqual(['new greeting']);
  });

  it('runs concurrent reloads one after the other', async () => {
    const h = await start({ files: { 'a.ts': answering('a', 'a1') } });
    h.write('a.ts', answering('a', 'a2'));
    const [first, second, third] = await Promise.all([h.reload(), h.reload(), h.reload(true)]);
    expect(first).toMatchObject({ updated: ['a.ts'] });
    expect(second).toMatchObject({ updated: [], unchanged: 1 });
    expect(third).toMatchObject({ updated: ['a.ts'] });
    expect(await h.run('a')).toEqual(['a2']);
  });

  it('moves a name between files in one reload', async () => {
    const h = await start({
      files: { 'a.ts': answering('a', 'from a', " this.aliases = ['x'];"), 'b.ts': answering('b', 'b') },
    });
    h.write('a.ts', answering('a', 'from a'));
    h.write('b.ts', answering('b', 'from b', " this.aliases = ['x'];"));
    expect((await h.reload()).failed).toEqual([]);
    expect(await h.run('x')).toEqual(['from b']);
  });

  it('onReload(previous) hands state over to the new generation', async () => {
    const counter = (version: string): string =>
      commandFile(`export class Counter extends Command {
  setup() { this.name = 'count'; }
  async call() {
    this.state.n = Number(this.state.n ?? 0) + 1;
    await this.respond('${version} ' + String(this.state.n));
  }
  onReload(previous: Command) { this.state = previous.state; }
}`);
    const h = await start({ files: { 'counter.ts': counter('v1') } });
    expect(await h.run('count')).toEqual(['v1 1']);
    expect(await h.run('count')).toEqual(['v1 2']);
    h.write('counter.ts', counter('v2'));
    await h.reload();
    expect(await h.run('count')).toEqual(['v2 3']);
    await h.reload(true);
    expect(await h.run('count')).toEqual(['v2 4']);
  });

  it('a throwing onReload fails the file and keeps the previous version', async () => {
    const h = await start({ files: { 'a.ts': answering('a', 'a v1') } });
    const source = answering('a', 'a v2').replace(
      'async call()',
      "onReload() { throw new Error('no handover'); }\n  async call()",
    );
    h.write('a.ts', source);
    const report = await h.reload();
    expect(report.failed).toEqual([
      {
        file: 'a.ts',
        ...positionOf(source, "new Error('no handover')"),
        message: 'onReload failed: Error: no handover',
      },
    ]);
    expect(await h.run('a')).toEqual(['a v1']);
  });
});

/** A command file that registers one of everything a generation can own. */
const RESOURCEFUL = (version: string): string =>
  commandFile(`const g = globalThis as unknown as { ticks: string[]; heard: string[]; cleaned: string[] };
export class Resourceful extends Command {
  setup() {
    this.name = 'res';
    this.env.events.on('test_ping', (p: unknown) => void g.heard.push('${version}:' + String(p)));
    this.setInterval(() => void g.ticks.push('${version}'), 5);
    this.setTimeout(() => void g.ticks.push('${version} late'), 60_000);
    this.cleanUpRegister((who: string) => void g.cleaned.push(who), '${version}');
    this.env.rpc.register('resourceful.ping', () => 'pong');
  }
  async call() {
    // registered while running: owned by the generation too
    this.env.events.on('test_ping', () => undefined);
    this.setTimeout(() => undefined, 60_000);
    await this.respond('${version}');
  }
}`);

interface Counts {
  listeners: number;
  timers: number;
  cleanups: number;
  rpc: number;
  generations: number;
}

function counts(h: CmdHarness): Counts {
  const held = h.bot.commands.loader.resourceCounts();
  return {
    listeners: h.bot.events.listenerCount(),
    timers: held.timers,
    cleanups: h.bot.cleanup.size,
    rpc: h.bot.rpc.methods().length,
    generations: held.generations,
  };
}

describe('resources are released with their generation', () => {
  it('listeners, timers, RPC and clean-up handlers return to the baseline over reloads and removal', async () => {
    const g = globalThis as unknown as { ticks: string[]; heard: string[]; cleaned: string[] };
    g.ticks = [];
    g.heard = [];
    g.cleaned = [];
    const h = await start();
    const baseline = counts(h);

    h.write('res.ts', RESOURCEFUL('v0'));
    await h.reload();
    expect(await h.run('res')).toEqual(['v0']);
    const loaded = counts(h);
    expect(loaded.listeners - baseline.listeners).toBe(2);
    expect(loaded.cleanups - baseline.cleanups).toBe(1);
    expect(loaded.rpc - baseline.rpc).toBe(1);
    // the interval, the 60 s timeout of setup and the one of call
    expect(loaded.timers - baseline.timers).toBe(3);
    expect(loaded.generations - baseline.generations).toBe(1);

    for (let i = 1; i <= 20; i++) {
      h.write('res.ts', RESOURCEFUL(`v${i}`));
      const report = await h.reload();
      expect(report.failed).toEqual([]);
    }
    expect(await h.run('res')).toEqual(['v20']);
    expect(counts(h)).toEqual(loaded);

    // only the newest generation still hears events and ticks
    g.ticks = [];
    h.bot.events.trigger('test_ping', 'hello' as never);
    await waitFor('the event and some ticks', () => g.heard.length > 0 && g.ticks.length > 2);
    await new Promise((r) => setTimeout(r, 20));
    expect(g.heard).toEqual(['v20:hello']);
    expect(new Set(g.ticks)).toEqual(new Set(['v20']));

    // a failing new version does not leak what it registered before it failed
    h.write('res.ts', `${RESOURCEFUL('broken')}\nthrow new Error('after registering');\n`);
    expect((await h.reload()).failed).toHaveLength(1);
    expect(counts(h)).toEqual(loaded);

    h.remove('res.ts');
    await h.reload();
    expect(counts(h)).toEqual(baseline);
    g.ticks = [];
    await new Promise((r) => setTimeout(r, 20));
    expect(g.ticks).toEqual([]);
  });

  it('runs only the current generation\u2019s clean-up handler at shutdown', async () => {
    const g = globalThis as unknown as { ticks: string[]; heard: string[]; cleaned: string[] };
    g.ticks = [];
    g.heard = [];
    g.cleaned = [];
    const h = await start({ files: { 'res.ts': RESOURCEFUL('v0') } });
    h.write('res.ts', RESOURCEFUL('v1'));
    await h.reload();
    await h.stop();
    expect(g.cleaned).toEqual(['v1']);
  });
});

describe('a generation replaced while one of its invocations still runs', () => {
  it('releases what the old invocation registers after the swap, and calls onUnload once', async () => {
    const g = globalThis as unknown as { unloaded: string[] };
    g.unloaded = [];
    const late = (version: string): string =>
      commandFile(`const g = globalThis as unknown as { unloaded: string[] };
export class Late extends Command {
  setup() { this.name = 'late'; }
  async call() {
    await this.respond('${version} started');
    await this.sleep(150);
    this.env.events.on('late_event', () => undefined);
    this.setInterval(() => undefined, 1_000);
    this.cleanUpRegister(() => undefined);
    this.env.rpc.register('late.${version}', () => 'late');
    await this.respond('${version} done');
  }
  onUnload() { g.unloaded.push('${version}'); }
}`);
    const h = await start({ files: { 'late.ts': late('v1') } });
    const baseline = { listeners: h.bot.events.listenerCount(), cleanups: h.bot.cleanup.size };
    const running = h.console('late');
    await waitFor('it to start', () => running.replies.includes('v1 started'));
    h.write('late.ts', late('v2'));
    expect((await h.reload()).updated).toEqual(['late.ts']);
    expect(g.unloaded).toEqual(['v1']);
    // the old generation's invocation runs to its end, answering as usual
    expect(await running.done()).toEqual(['v1 started', 'v1 done']);
    expect(h.bot.events.listenerCount()).toBe(baseline.listeners);
    expect(h.bot.cleanup.size).toBe(baseline.cleanups);
    expect(h.bot.rpc.methods()).not.toContain('late.v1');
    expect(h.bot.commands.loader.resourceCounts().timers).toBe(0);
    h.remove('late.ts');
    await h.reload();
    expect(g.unloaded).toEqual(['v1', 'v2']);
  });
});

describe('exclusive names (RPC methods, middleware) are handed over on reload', () => {
  const contributor = (version: string, method = 'contrib.version'): string =>
    commandFile(`export class Contributor extends Command {
  setup() {
    this.name = 'contrib';
    this.env.rpc.register('${method}', () => '${version}');
    this.env.pipeline.addStringMiddleware('contrib', (text) => ({ value: text === 'shout' ? 'echo ${version}' : text }));
  }
}`);

  it('the new generation takes the names over; a failed one gives them back; removal releases them', async () => {
    const h = await start({ files: { 'contrib.ts': contributor('v1'), 'echo.ts': ECHO } });
    expect(h.bot.rpc.get('contrib.version')?.({} as never)).toBe('v1');
    expect(await h.run('shout')).toEqual(['v1']);

    h.write('contrib.ts', contributor('v2'));
    expect((await h.reload()).failed).toEqual([]);
    expect(h.bot.rpc.get('contrib.version')?.({} as never)).toBe('v2');
    expect(await h.run('shout')).toEqual(['v2']);

    h.write('contrib.ts', `${contributor('v3')}\nthrow new Error('late');\n`);
    expect((await h.reload()).failed).toHaveLength(1);
    expect(h.bot.rpc.get('contrib.version')?.({} as never)).toBe('v2');
    expect(await h.run('shout')).toEqual(['v2']);

    h.remove('contrib.ts');
    await h.reload();
    expect(h.bot.rpc.methods()).not.toContain('contrib.version');
    expect((await h.run('shout'))[0]).toMatch(/^Unknown command "shout"/);
  });

  it('another file registering the same name still fails', async () => {
    const h = await start({ files: { 'a.ts': contributor('a'), 'b.ts': contributor('b', 'other.method') } });
    expect(h.bot.commands.lastReloadReport!.failed).toEqual([
      expect.objectContaining({
        file: 'b.ts',
        message: expect.stringContaining('middleware "contrib" is already registered'),
      }),
    ]);
    expect(h.bot.rpc.methods()).not.toContain('other.method');
  });
});

describe('cleanUpRegister at shutdown', () => {
  it('runs handlers FIFO with their arguments, each with a timeout, errors logged, never blocking', async () => {
    const g = globalThis as unknown as { cleanupOrder: string[] };
    g.cleanupOrder = [];
    const h = await start({
      configOverrides: { 'commands.cleanupTimeoutMs': 100 },
      files: {
        'a-cleanup.ts': commandFile(`const g = globalThis as unknown as { cleanupOrder: string[] };
export class First extends Command {
  setup() {
    this.name = 'first';
    this.cleanUpRegister((a: string, n: number) => void g.cleanupOrder.push(a + n), 'first', 1);
    this.cleanUpRegister(function hangs() { g.cleanupOrder.push('hangs'); return new Promise(() => undefined); });
    this.cleanUpRegister(async function throws() { g.cleanupOrder.push('throws'); throw new Error('cleanup boom'); });
  }
}`),
        'b-cleanup.ts': commandFile(`const g = globalThis as unknown as { cleanupOrder: string[] };
export class Second extends Command {
  setup() { this.name = 'second'; }
  async call() {
    this.cleanUpRegister(async (what: string) => {
      await new Promise((r) => setTimeout(r, 10));
      g.cleanupOrder.push(what);
    }, 'registered in call');
    await this.respond('registered');
  }
}`),
      },
    });
    expect(await h.run('second')).toEqual(['registered']);
    const started = Date.now();
    await h.stop();
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(g.cleanupOrder).toEqual(['first1', 'hangs', 'throws', 'registered in call']);
    expect(h.logs('warn').map((e) => e.msg)).toContain('clean-up handler timed out; continuing shutdown');
    const failed = h.logs('error').find((e) => e.msg === 'clean-up handler failed');
    expect(failed?.err?.message).toBe('cleanup boom');
    expect(failed?.fields?.handler).toBe('first:throws');
  });
});
