import { describe, expect, it } from 'vitest';
import { CommandFileNameSchema } from '../../../shared/dto/commands';
import { commandNameProblem, COMMAND_FILE_NAME, fileNameProblem, suggestCommandName } from './file-name';

describe('new command names', () => {
  it('accepts names like my-command.ts, as the contract does', () => {
    for (const ok of ['my-command.ts', 'x.js', 'A_1.ts']) {
      expect(fileNameProblem(ok, [])).toBeNull();
      expect(CommandFileNameSchema.safeParse(ok).success).toBe(true);
    }
    for (const bad of ['../evil.ts', 'sub/dir.ts', '-x.ts', 'my command.ts', '.hidden.ts']) {
      expect(COMMAND_FILE_NAME.test(bad)).toBe(false);
      expect(CommandFileNameSchema.safeParse(bad).success).toBe(false);
      expect(fileNameProblem(bad, [])).toMatch(/my-command\.ts/);
    }
    expect(fileNameProblem('', [])).toBe('Enter a file name.');
    expect(fileNameProblem('readme.md', [])).toBe('End the name with .ts (or .js).');
    expect(fileNameProblem('Echo.ts', ['echo.ts'])).toBe('Echo.ts already exists.');
  });

  it('checks command names and suggests one from the file name', () => {
    expect(commandNameProblem('my-command', [])).toBeNull();
    expect(commandNameProblem('9lives', [])).toMatch(/Start with a letter/);
    expect(commandNameProblem('echo', ['echo'])).toMatch(/exists already/);
    expect(suggestCommandName('my-command.ts')).toBe('my-command');
  });
});
