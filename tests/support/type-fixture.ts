import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from './run-cli';

const COMMANDS_TSCONFIG = path.join(REPO_ROOT, 'commands/tsconfig.json');

export interface TypeProblem {
  line: number;
  code: number;
  text: string;
}

function compilerOptions(): ts.CompilerOptions {
  const read = ts.readConfigFile(COMMANDS_TSCONFIG, (file) => ts.sys.readFile(file));
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(COMMANDS_TSCONFIG));
  return { ...parsed.options, noEmit: true };
}

/**
 * A compile-fail fixture: a TypeScript file with `// @ts-expect-error` lines, type-checked the
 * way an editor checks a command file (commands/tsconfig.json maps 'cmdsys').
 */
export function typeFixture(relativePath: string): {
  source: string;
  /** 1-based lines holding a `// @ts-expect-error` directive. */
  directiveLines: number[];
  /** Type-checks the fixture (optionally rewritten) and lists the problems in it. */
  check(rewrite?: (source: string) => string): TypeProblem[];
} {
  const fixture = path.join(REPO_ROOT, relativePath);
  const source = readFileSync(fixture, 'utf8');
  const directiveLines = source
    .split('\n')
    .map((line, i) => (line.trim().startsWith('// @ts-expect-error') ? i + 1 : 0))
    .filter((n) => n > 0);
  const check = (rewrite: (source: string) => string = (s) => s): TypeProblem[] => {
    const options = compilerOptions();
    const host = ts.createCompilerHost(options);
    const original = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) =>
      path.resolve(fileName) === fixture
        ? ts.createSourceFile(fileName, rewrite(source), languageVersion, true)
        : original(fileName, languageVersion, onError, shouldCreate);
    const program = ts.createProgram({ rootNames: [fixture], options, host });
    return ts.getPreEmitDiagnostics(program).map((d) => ({
      line: d.file ? d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1 : 0,
      code: d.code,
      text: `${d.file ? path.relative(REPO_ROOT, d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
    }));
  };
  return { source, directiveLines, check };
}
