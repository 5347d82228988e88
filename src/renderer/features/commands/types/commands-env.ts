import {
  createSystem,
  createVirtualTypeScriptEnvironment,
  type VirtualTypeScriptEnvironment,
} from '@typescript/vfs';
import ts from 'typescript';
import type { TypePack } from '../../../../shared/editor/type-pack';

import type { TypeErrorInfo } from './type-errors';

export type { TypeErrorInfo };

/** A TypeScript language service over the pack's files, with the commands tsconfig's options. */
export function createCommandsEnv(pack: TypePack): VirtualTypeScriptEnvironment {
  const system = createSystem(new Map(Object.entries(pack.files)));
  return createVirtualTypeScriptEnvironment(system, [], ts, pack.compilerOptions as ts.CompilerOptions);
}

/** Puts `code` at `path` in the environment (creating the file the first time). */
export function putFile(env: VirtualTypeScriptEnvironment, path: string, code: string): void {
  if (!env.getSourceFile(path)) env.createFile(path, code || ' ');
  else if (env.getSourceFile(path)!.text !== code) env.updateFile(path, code || ' ');
}

const messageOf = (d: ts.Diagnostic): string => ts.flattenDiagnosticMessageText(d.messageText, '\n');

/**
 * The errors TypeScript reports for `code` as the file at `path` (syntax and types; warnings
 * and suggestions left out), in the order they appear.
 */
export function typeErrorsOf(env: VirtualTypeScriptEnvironment, path: string, code: string): TypeErrorInfo[] {
  putFile(env, path, code);
  const service = env.languageService;
  const all = [
    ...service.getSyntacticDiagnostics(path).map((d) => ({ d, kind: 'syntax' as const })),
    ...service.getSemanticDiagnostics(path).map((d) => ({ d, kind: 'type' as const })),
  ];
  return all
    .filter(({ d }) => d.category === ts.DiagnosticCategory.Error)
    .map(({ d, kind }): TypeErrorInfo => {
      const { line, character } = d.file
        ? d.file.getLineAndCharacterOfPosition(d.start ?? 0)
        : { line: 0, character: 0 };
      return { line: line + 1, column: character + 1, message: messageOf(d), code: d.code, kind };
    })
    .sort((a, b) => a.line - b.line || a.column - b.column);
}
