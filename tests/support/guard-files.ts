import type { CmdHarness } from './cmdsys-harness';
import { commandFile } from './cmdsys-harness';

/** 1-based line and column of the first occurrence of `needle` in `source`. */
export function positionOf(source: string, needle: string): { line: number; column: number } {
  const at = source.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" not in source`);
  const before = source.slice(0, at).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

/** `file:line:column` of `needle` in `source`. */
export const at = (file: string, source: string, needle: string): string => {
  const p = positionOf(source, needle);
  return `${file}:${p.line}:${p.column}`;
};

/** A command file whose command answers `answer`; `body` goes before the class. */
export const answering = (name: string, answer: string, body = ''): string =>
  commandFile(`${body}
export class C extends Command {
  setup() { this.name = '${name}'; }
  async call() { await this.respond('${answer}'); }
}`);

/** A command file whose call() runs `code`, then answers "<name> done". */
export const callDoing = (name: string, code: string, imports = 'Command'): string =>
  commandFile(
    `export class C extends Command {
  setup() { this.name = '${name}'; }
  async call() {
    ${code}
    await this.respond('${name} done');
  }
}`,
    imports,
  );

/** The loader's status of one file. */
export const fileStatus = (h: CmdHarness, file: string) =>
  h.bot.commands.loader.files().find((f) => f.file === file);
