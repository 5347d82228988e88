// ArgsOf<Command> types call()'s argument object exactly: the fixture's `@ts-expect-error`
// lines must keep failing to compile (reading an undeclared argument, a number as a string, …),
// type-checked the way an editor checks a command file (commands/tsconfig.json maps 'cmdsys').
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { useHarnesses } from '../support/cmdsys-harness';
import { REPO_ROOT } from '../support/run-cli';

const FIXTURE = path.join(REPO_ROOT, 'tests/fixtures/cmdsys/typed-args.ts');
const COMMANDS_TSCONFIG = path.join(REPO_ROOT, 'commands/tsconfig.json');

const start = useHarnesses();

function compilerOptions(): ts.CompilerOptions {
  const read = ts.readConfigFile(COMMANDS_TSCONFIG, (file) => ts.sys.readFile(file));
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(COMMANDS_TSCONFIG));
  return { ...parsed.options, noEmit: true };
}

interface Problem {
  line: number;
  code: number;
  text: string;
}

/** Type-checks the fixture, optionally with its source rewritten, and lists the problems in it. */
function check(rewrite: (source: string) => string = (s) => s): Problem[] {
  const options = compilerOptions();
  const host = ts.createCompilerHost(options);
  const original = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) =>
    path.resolve(fileName) === FIXTURE
      ? ts.createSourceFile(fileName, rewrite(readFileSync(FIXTURE, 'utf8')), languageVersion, true)
      : original(fileName, languageVersion, onError, shouldCreate);
  const program = ts.createProgram({ rootNames: [FIXTURE], options, host });
  return ts.getPreEmitDiagnostics(program).map((d) => ({
    line: d.file ? d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1 : 0,
    code: d.code,
    text: `${d.file ? path.relative(REPO_ROOT, d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
  }));
}

const source = readFileSync(FIXTURE, 'utf8');
/** 1-based lines holding a `// @ts-expect-error` directive. */
const directiveLines = source
  .split('\n')
  .map((line, i) => (line.trim().startsWith('// @ts-expect-error') ? i + 1 : 0))
  .filter((n) => n > 0);

describe('ArgsOf (typed arguments)', () => {
  it('type-checks the fixture with every @ts-expect-error line still an error', () => {
    expect(directiveLines.length).toBeGreaterThanOrEqual(6);
    // an unused @ts-expect-error is itself an error (TS2578): none means each line still fails
    expect(check()).toEqual([]);
  }, 60_000);

  it('each directive guards exactly one error on the line below it', () => {
    const problems = check((s) => s.replaceAll('// @ts-expect-error', '// (expected error)'));
    expect(problems.map((p) => p.line)).toEqual(directiveLines.map((l) => l + 1));
    // 2339: no such property; 2322: not assignable
    expect(new Set(problems.map((p) => p.code))).toEqual(new Set([2339, 2322]));
  }, 60_000);

  it('the fixture runs, and call() receives what ArgsOf promised', async () => {
    const h = await start({ files: { 'typed-args.ts': source } });
    expect(h.bot.commands.lastReloadReport!.failed).toEqual([]);
    const [answer] = await h.run('typed 3 slow yes a label');
    expect(JSON.parse(answer!)).toEqual({
      count: 3,
      mode: 'slow',
      loud: true,
      label: 'a label',
      wrong: 3,
      sure: 'a label',
      other: 'slow',
      keys: ['count', 'mode', 'loud', 'label'],
    });
    expect(JSON.parse((await h.run('typed 1'))[0]!)).toEqual({ count: 1, wrong: 1, keys: ['count'] });
  });
});
