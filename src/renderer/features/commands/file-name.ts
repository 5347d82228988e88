/** Same rule as the contract's CommandFileNameSchema (top-level, letters/digits/-/_, .ts or .js). */
export const COMMAND_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}\.(ts|js)$/;
/** Same rule as `commands.createFile`'s commandName. */
export const COMMAND_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** Why a file name cannot be used, or null when it can. */
export function fileNameProblem(file: string, existing: readonly string[]): string | null {
  if (file === '') return 'Enter a file name.';
  if (!/\.(ts|js)$/.test(file)) return 'End the name with .ts (or .js).';
  if (!COMMAND_FILE_NAME.test(file))
    return 'Use a file name like my-command.ts: letters, digits, - and _, no folders.';
  if (existing.some((f) => f.toLowerCase() === file.toLowerCase())) return `${file} already exists.`;
  return null;
}

/** Why a command name cannot be used, or null when it can. */
export function commandNameProblem(name: string, existing: readonly string[]): string | null {
  if (name === '') return 'Enter the command name.';
  if (!COMMAND_NAME.test(name)) return 'Start with a letter; then letters, digits, - and _ (at most 64).';
  if (existing.some((n) => n.toLowerCase() === name.toLowerCase()))
    return `A command (or alias) named ${name} exists already.`;
  return null;
}

/** The command name suggested for a file name: `my-command.ts` → `my-command`. */
export function suggestCommandName(file: string): string {
  return file.replace(/\.(ts|js)$/, '').replace(/[^A-Za-z0-9_-]/g, '');
}
