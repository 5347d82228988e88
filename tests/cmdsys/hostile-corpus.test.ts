// A corpus of well over 100 hostile command files, generated here and loaded together: throws
// in timers, EventEmitter errors, process.exit/abort/chdir, built-in pollution, non-string
// names, syntax errors, throws at top level / in setup / in call, setups and calls that never
// resolve, huge files, missing modules, duplicate names, endless loops at top level and in
// setup. The bot stays up, every fault is reported with its file (and line where the code has
// one), every good command answers afterwards, and `ping` answers from the console, through the
// API router and over the real web server.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startWebServer } from '../../src/main/web/web-server';
import { commandFile, useHarnesses, waitFor } from '../support/cmdsys-harness';
import { detachRunnerFaultHandlers } from '../support/process-faults';
import { testApi } from '../support/test-bot';

const start = useHarnesses();
detachRunnerFaultHandlers();

interface Case {
  file: string;
  source: string;
  /** How loading it must fail (`line: true` = with a source line), or null when it loads. */
  loadFailure: { line: boolean; message: RegExp } | null;
  /** A command to run after loading, and the fault it must leave behind (or null: none). */
  run?: { command: string; fault: RegExp | null };
}

const cls = (name: string, body: string, setup = ''): string =>
  commandFile(`export class C extends Command {
  setup() { this.name = '${name}';${setup} }
  ${body}
}`);
const withCall = (name: string, code: string, extra = ''): string =>
  cls(name, `async call() {\n    ${code}\n    await this.respond('${name} returned');\n  }`, extra);

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);
const cases: Case[] = [];
const add = (count: number, make: (i: number) => Case): void => {
  for (const i of range(count)) cases.push(make(i));
};

// ---- faults at run time (the file loads; running it leaves an attributed fault) -------------
add(8, (i) => ({
  file: `timer-throw-${i}.ts`,
  source: withCall(`timerthrow${i}`, `setTimeout(() => { throw new Error('timer ${i}'); }, ${i});`),
  loadFailure: null,
  run: {
    command: `timerthrow${i}`,
    fault: new RegExp(`timer-throw-${i}\\.ts:\\d+:\\d+ \\(timeout callback\\): Error: timer ${i}`),
  },
}));
add(4, (i) => ({
  file: `interval-throw-${i}.ts`,
  source: withCall(
    `intervalthrow${i}`,
    `const t = setInterval(() => { clearInterval(t); throw new Error('interval ${i}'); }, 1);`,
  ),
  loadFailure: null,
  run: {
    command: `intervalthrow${i}`,
    fault: new RegExp(`interval-throw-${i}\\.ts:\\d+:\\d+ \\(interval callback\\)`),
  },
}));
add(6, (i) => ({
  file: `emitter-${i}.ts`,
  source: `import { EventEmitter } from 'node:events';\n${withCall(
    `emitter${i}`,
    `process.nextTick(() => new EventEmitter().emit('error', new Error('emitter ${i}')));`,
  )}`,
  loadFailure: null,
  run: {
    command: `emitter${i}`,
    fault: new RegExp(`emitter-${i}\\.ts:\\d+:\\d+ \\(uncaughtException\\): Error: emitter ${i}`),
  },
}));
add(5, (i) => ({
  file: `rejection-${i}.ts`,
  source: withCall(`rejection${i}`, `void Promise.reject(new TypeError('rejected ${i}'));`),
  loadFailure: null,
  run: {
    command: `rejection${i}`,
    fault: new RegExp(`rejection-${i}\\.ts:\\d+:\\d+ \\(unhandledRejection\\)`),
  },
}));
add(4, (i) => ({
  file: `immediate-throw-${i}.ts`,
  source: withCall(`immediate${i}`, `setImmediate(() => { throw new RangeError('immediate ${i}'); });`),
  loadFailure: null,
  run: {
    command: `immediate${i}`,
    fault: new RegExp(`immediate-throw-${i}\\.ts:\\d+:\\d+ \\(immediate callback\\)`),
  },
}));
for (const [member, count] of [
  ['exit(3)', 5],
  ['abort()', 3],
  ['chdir("/")', 3],
  ['kill(process.pid, "SIGTERM")', 2],
] as const) {
  add(count, (i) => {
    const name = `${member.slice(0, member.indexOf('('))}call${i}`;
    return {
      file: `${name}.ts`,
      source: withCall(name, `process.${member};`),
      loadFailure: null,
      run: { command: name, fault: null },
    };
  });
}
add(5, (i) => ({
  file: `throw-in-call-${i}.ts`,
  source: withCall(`throwcall${i}`, `throw new Error('call ${i}');`),
  loadFailure: null,
  run: { command: `throwcall${i}`, fault: null },
}));
add(3, (i) => ({
  file: `never-call-${i}.ts`,
  source: withCall(`nevercall${i}`, `await new Promise(() => undefined);`, ' this.timeoutMs = 200;'),
  loadFailure: null,
  run: { command: `nevercall${i}`, fault: null },
}));

// ---- faults while loading (the file fails; its error names it) ------------------------------
add(3, (i) => ({
  file: `exit-top-${i}.ts`,
  source: commandFile(
    `process.exit(${i});\nexport class C extends Command { setup() { this.name = 'exittop${i}'; } }`,
  ),
  loadFailure: {
    line: true,
    message: /process\.exit\(\) is not available to command files \(called from exit-top-/,
  },
}));
const pollution: [string, Case['loadFailure']][] = [
  [
    '(Object.prototype as any).polluted = 1;',
    { line: true, message: /TypeError: Cannot add property polluted/ },
  ],
  [
    '(String.prototype as any).shout = function () { return 1; };',
    { line: true, message: /Cannot add property shout/ },
  ],
  [
    'JSON.parse = () => null;',
    { line: true, message: /TypeError: Cannot assign to read only property 'parse'/ },
  ],
  [
    '(Object as any).keys = () => [];',
    { line: true, message: /TypeError: Cannot assign to read only property 'keys'/ },
  ],
  [
    'Array.prototype.map = () => [];',
    { line: false, message: /replaced built-in Array\.prototype\.map \(put back/ },
  ],
  [
    '(Promise.prototype as any).then = null;',
    { line: false, message: /replaced built-in Promise\.prototype\.then/ },
  ],
];
pollution.forEach(([code, loadFailure], n) => {
  const i = n + 1;
  cases.push({
    file: `pollute-${i}.ts`,
    source: commandFile(`${code}\nexport class C extends Command { setup() { this.name = 'pollute${i}'; } }`),
    loadFailure,
  });
});
const badNames = [
  '42',
  '{}',
  "['a']",
  'null',
  'undefined as unknown as string',
  "'has space'",
  "'x'.repeat(65)",
];
badNames.forEach((value, n) => {
  const i = n + 1;
  cases.push({
    file: `bad-name-${i}.ts`,
    source: commandFile(
      `export class C extends Command { setup() { (this as unknown as { name: unknown }).name = ${value}; } async call() {} }`,
    ),
    loadFailure:
      value === 'undefined as unknown as string' ||
      value === 'null' ||
      value === '42' ||
      value === '{}' ||
      value === "['a']"
        ? { line: false, message: /the command name must be a string/ }
        : { line: false, message: /invalid command name/ },
  });
});
add(6, (i) => ({
  file: `syntax-${i}.ts`,
  source: commandFile(
    `export class C extends Command {\n  setup() { this.name = 'syntax${i}'; }\n  async call() { await this.respond(${'('.repeat(i)}); }\n}`,
  ),
  loadFailure: { line: true, message: /Unexpected|Expected/ },
}));
add(5, (i) => ({
  file: `throw-top-${i}.ts`,
  source: commandFile(
    `if (${i} > 0) throw new Error('top ${i}');\nexport class C extends Command { setup() { this.name = 'throwtop${i}'; } }`,
  ),
  loadFailure: { line: true, message: new RegExp(`Error: top ${i}`) },
}));
add(5, (i) => ({
  file: `throw-setup-${i}.ts`,
  source: cls(`throwsetup${i}`, 'async call() {}', ` throw new SyntaxError('setup ${i}');`),
  loadFailure: { line: true, message: new RegExp(`SyntaxError: setup ${i}`) },
}));
add(3, (i) => ({
  file: `never-setup-${i}.ts`,
  source: commandFile(
    `export class C extends Command {\n  async setup() { this.name = 'neversetup${i}'; await new Promise(() => undefined); }\n}`,
  ),
  loadFailure: { line: false, message: /C\.setup\(\) did not finish within 500 ms/ },
}));
add(3, (i) => ({
  file: `missing-package-${i}.ts`,
  source: commandFile(
    `import x from 'no-such-package-protos-${i}';\nexport class C extends Command { setup() { this.name = 'mp${i}'; this.desc = String(x); } }`,
  ),
  loadFailure: { line: true, message: /Cannot find module 'no-such-package-protos-/ },
}));
add(2, (i) => ({
  file: `missing-relative-${i}.ts`,
  source: commandFile(
    `import { y } from './lib/nope-${i}';\nexport class C extends Command { setup() { this.name = 'mr${i}'; this.desc = y; } }`,
  ),
  loadFailure: { line: true, message: /Could not resolve/ },
}));
add(3, (i) => ({
  file: `loop-top-${i}.ts`,
  source: commandFile(
    `while (${i}) {}\nexport class C extends Command { setup() { this.name = 'looptop${i}'; } }`,
  ),
  loadFailure: { line: false, message: /did not finish within 200 ms/ },
}));
add(3, (i) => ({
  file: `loop-setup-${i}.ts`,
  source: cls(`loopsetup${i}`, 'async call() {}', ' for (;;) {}'),
  loadFailure: { line: false, message: /did not finish within 200 ms/ },
}));
// duplicate names: the alphabetically first file of each pair keeps the name
add(4, (i) => ({
  file: `dup-${i}-a.ts`,
  source: withCall(`dup${i}`, ''),
  loadFailure: null,
  run: { command: `dup${i}`, fault: null },
}));
add(4, (i) => ({
  file: `dup-${i}-b.ts`,
  source: withCall(`dup${i}`, ''),
  loadFailure: {
    line: false,
    message: new RegExp(`name "dup${i}" is already used by "dup${i}" in dup-${i}-a\\.ts`),
  },
}));
// huge files: about a megabyte of code each, with an error at the very end of one
const huge = (extra: string): string =>
  `${range(20_000)
    .map((n) => `const value${n} = ${n} * 2; // padding line ${n} of a very large command file`)
    .join('\n')}\n${extra}`;
cases.push({
  file: 'huge-ok.ts',
  source: `import { Command } from 'cmdsys';\n${huge(`export class C extends Command { setup() { this.name = 'hugeok'; } async call() { await this.respond(String(value20000)); } }`)}`,
  loadFailure: null,
});
cases.push({
  file: 'huge-broken.ts',
  source: `import { Command } from 'cmdsys';\n${huge(`throw new Error('at the end');\nexport class C extends Command { setup() { this.name = 'hugebroken'; } }`)}`,
  loadFailure: { line: true, message: /Error: at the end/ },
});

// ---- good commands, which must all answer afterwards ----------------------------------------
const GOOD = 15;
add(GOOD, (i) => ({
  file: `good-${i}.ts`,
  source: cls(`good${i}`, `async call() { await this.respond('good ${i}'); }`),
  loadFailure: null,
}));

const hostile = cases.filter((c) => !c.file.startsWith('good-') && !c.file.startsWith('huge-ok'));

describe('the hostile command-file corpus', () => {
  it(`has at least 100 hostile files (${hostile.length})`, () => {
    expect(hostile.length).toBeGreaterThanOrEqual(100);
    expect(new Set(cases.map((c) => c.file)).size).toBe(cases.length);
  });

  it('loads together: the bot stays up, every fault names its file, every good command answers', async () => {
    const h = await start({
      configOverrides: { 'guards.syncTimeoutMs': 200, 'guards.setupTimeoutMs': 500 },
      files: Object.fromEntries(cases.map((c) => [c.file, c.source])),
    });
    expect(h.bot.state).toBe('running');
    const report = h.bot.commands.lastReloadReport!;

    // every load failure is reported for its file, with a line where the code has one
    const failedByFile = new Map(report.failed.map((f) => [f.file, f]));
    for (const c of cases) {
      const failure = failedByFile.get(c.file);
      if (!c.loadFailure) {
        expect(failure, `${c.file} should load`).toBeUndefined();
        continue;
      }
      expect(failure, `${c.file} should fail`).toBeDefined();
      expect(failure!.message, c.file).toMatch(c.loadFailure.message);
      if (c.loadFailure.line) expect(failure!.line, `${c.file} line`).toEqual(expect.any(Number));
    }
    expect(report.failed).toHaveLength(cases.filter((c) => c.loadFailure).length);
    const errors = h.logs('error').map((e) => e.msg);
    for (const f of report.failed)
      expect(errors).toContainEqual(
        expect.stringMatching(new RegExp(`^command file failed: ${f.file.replace('.', '\\.')}[:]`)),
      );

    // run every command that loads and misbehaves when called: each gets an answer
    for (const c of cases) {
      if (!c.run) continue;
      const replies = await h.run(c.run.command, 'panel', 8_000);
      expect(replies.length, `${c.run.command} answered`).toBeGreaterThan(0);
    }
    // the faults they left behind are attributed to their files, with file:line:col
    for (const c of cases) {
      if (!c.run?.fault) continue;
      const pattern = c.run.fault;
      await waitFor(`the fault of ${c.file}`, () => h.logs('error').some((e) => pattern.test(e.msg)));
      const status = h.bot.commands.loader.files().find((f) => f.file === c.file)!;
      expect(status.faults.count, c.file).toBe(1);
      expect(status.faults.last!.location, c.file).toMatch(
        new RegExp(`^${c.file.replace('.', '\\.')}:\\d+:\\d+$`),
      );
    }
    expect(h.logs('error').filter((e) => e.msg.includes('outside any command file'))).toEqual([]);
    expect(process.cwd()).toBe(path.resolve(process.cwd()));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect([1, 2].map((x) => x * 2)).toEqual([2, 4]);
    expect(await Promise.resolve(7)).toBe(7);

    // every good command answers, and ping keeps answering everywhere
    for (const i of range(GOOD)) expect(await h.run(`good${i}`)).toEqual([`good ${i}`]);
    expect(await h.run('hugeok')).toEqual(['40000']);
    expect(await h.run('ping')).toEqual(['pong']);

    const api = testApi(h.bot);
    const web = await startWebServer({ api, logger: h.bot.logging.child('web'), staticDir: null });
    try {
      const pongs: string[] = [];
      const off = h.bot.console.onOutput((out) => {
        if (out.kind === 'response' && out.text === 'pong') pongs.push(out.requestId ?? '');
      });
      const viaRouter = await api.router.call('console.exec', { line: 'ping' }, { transport: 'test' });
      expect(viaRouter).toMatchObject({ ok: true });
      const res = await fetch(`http://127.0.0.1:${web.port}/api/console.exec`, {
        method: 'POST',
        headers: { authorization: `Bearer ${web.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ line: 'ping' }),
      });
      expect(res.status).toBe(200);
      const viaWeb = (await res.json()) as { ok: boolean; data: { requestId: string } };
      expect(viaWeb.ok).toBe(true);
      await waitFor('both pongs', () => pongs.length >= 2);
      expect(pongs).toEqual(
        expect.arrayContaining([
          (viaRouter as { data: { requestId: string } }).data.requestId,
          viaWeb.data.requestId,
        ]),
      );
      off();
      const status = await fetch(`http://127.0.0.1:${web.port}/api/status.get`, {
        method: 'POST',
        headers: { authorization: `Bearer ${web.token}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(await status.json()).toMatchObject({ ok: true, data: { state: 'running' } });
    } finally {
      await web.close();
      api.dispose();
    }
    expect(h.bot.state).toBe('running');
  });
});
