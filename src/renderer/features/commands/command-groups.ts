import type { CommandDto, CommandsOverview, FileStatusDto } from '../../../shared/dto/commands';
import type { CommandsFilter } from './commands-store';

export interface FileGroup {
  kind: 'file';
  file: string;
  status: FileStatusDto | null;
  commands: CommandDto[];
}
export interface BuiltinGroup {
  kind: 'builtin';
  commands: CommandDto[];
}
export type CommandGroup = BuiltinGroup | FileGroup;

function matches(command: CommandDto, words: string[]): boolean {
  if (words.length === 0) return true;
  const text = [
    command.name,
    ...command.aliases,
    command.desc,
    command.usage,
    command.file ?? '',
    command.lib,
  ]
    .join('\n')
    .toLowerCase();
  return words.every((w) => text.includes(w));
}

/**
 * The list the Commands view shows: built-ins first, then one group per command file (also
 * files that failed before any version loaded, which have no commands), filtered by source and
 * text. A file whose name matches keeps all its commands.
 */
export function groupCommands(overview: CommandsOverview, filter: CommandsFilter): CommandGroup[] {
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  const byName = (a: CommandDto, b: CommandDto) => a.name.localeCompare(b.name);
  const out: CommandGroup[] = [];

  if (filter.source === 'all' || filter.source === 'builtin') {
    const builtins = overview.commands.filter((c) => c.file === null && matches(c, words)).sort(byName);
    if (builtins.length > 0) out.push({ kind: 'builtin', commands: builtins });
  }
  if (filter.source === 'builtin') return out;

  const files = new Map<string, FileGroup>();
  for (const status of overview.files)
    files.set(status.file, { kind: 'file', file: status.file, status, commands: [] });
  for (const c of overview.commands) {
    if (c.file === null) continue;
    let group = files.get(c.file);
    if (!group) {
      group = { kind: 'file', file: c.file, status: null, commands: [] };
      files.set(c.file, group);
    }
    group.commands.push(c);
  }
  for (const group of [...files.values()].sort((a, b) => a.file.localeCompare(b.file))) {
    if (filter.source === 'failed' && group.status?.state !== 'failed') continue;
    const fileMatches = words.length > 0 && words.every((w) => group.file.toLowerCase().includes(w));
    const commands = (fileMatches ? group.commands : group.commands.filter((c) => matches(c, words))).sort(
      byName,
    );
    if (words.length > 0 && !fileMatches && commands.length === 0) continue;
    out.push({ ...group, commands });
  }
  return out;
}

/** `echo.ts:5:15` — where a load failure is, as precisely as known. */
export function failureLocation(failure: {
  file: string;
  line: number | null;
  column: number | null;
}): string {
  if (failure.line === null) return failure.file;
  return failure.column === null
    ? `${failure.file}:${failure.line}`
    : `${failure.file}:${failure.line}:${failure.column}`;
}
