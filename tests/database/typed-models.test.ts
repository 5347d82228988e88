// Models are fully typed: defineModel gives instances whose properties have the fields' types
// (string, number, boolean, Date, JSON type, Uint8Array, custom types; `| null` when nullable;
// the implicit `id` only without an explicit primary key), and queries accept only the model's
// fields. The fixture's `@ts-expect-error` lines must keep failing to compile, type-checked the
// way an editor checks a command file (commands/tsconfig.json maps 'cmdsys').
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/run-cli';

const FIXTURE = path.join(REPO_ROOT, 'tests/fixtures/database/typed-models.ts');
const COMMANDS_TSCONFIG = path.join(REPO_ROOT, 'commands/tsconfig.json');

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
const directiveLines = source
  .split('\n')
  .map((line, i) => (line.trim().startsWith('// @ts-expect-error') ? i + 1 : 0))
  .filter((n) => n > 0);

describe('typed models', () => {
  it('type-checks the fixture with every @ts-expect-error line still an error', () => {
    expect(directiveLines.length).toBeGreaterThanOrEqual(18);
    // an unused @ts-expect-error is itself an error (TS2578): none means each line still fails
    expect(check()).toEqual([]);
  }, 60_000);

  it('each directive guards an error on the line below it, and nothing else fails', () => {
    const problems = check((s) => s.replaceAll('// @ts-expect-error', '// (expected error)'));
    expect([...new Set(problems.map((p) => p.line))]).toEqual(directiveLines.map((l) => l + 1));
  }, 60_000);
});
