/**
 * The files and options the commands editor type-checks against (built from the repository at
 * build time: see scripts/editor-types.ts). Virtual paths: `/lib.*.d.ts` (TypeScript's library),
 * `/node_modules/…` (packages' declarations), `/cmdsys/…` (the command API's declarations).
 */
export interface TypePack {
  /** Compiler options as JSON (enums as numbers), the same as `commands/tsconfig.json`'s. */
  compilerOptions: Record<string, unknown>;
  /** Virtual path → content. */
  files: Record<string, string>;
}

/** The folder command files live in, in the editor's virtual file system. */
export const COMMANDS_ROOT = '/commands';

/** The virtual path of a command file. */
export const commandPath = (file: string): string => `${COMMANDS_ROOT}/${file}`;
