import type { Command } from '../api/command';
import { CommandNotFound } from '../api/errors';
import { suggest, suggestCommands } from './did-you-mean';

export const DEFAULT_SUBCOMMAND = 'default';

/** A command as the registry holds it. */
/** Largest command id (MRCI's ids are 16-bit). */
export const MAX_COMMAND_ID = 65_535;

/** `#1234` (or `#1234` as typed after a trigger): a command called by its id. */
const ID_WORD = /^#(\d{1,5})$/;

/**
 * A command's id from its identity (module and name, case-insensitive): FNV-1a folded into
 * 1…65535, so the same command has the same id after a reload or a restart.
 */
export function commandIdOf(command: Pick<Command, 'module' | 'name'>): number {
  const identity = `${(command.module ?? '').toLowerCase()} ${command.name.toLowerCase()}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < identity.length; i++) {
    hash ^= identity.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return (hash % MAX_COMMAND_ID) + 1;
}

export interface RegisteredCommand {
  /**
   * Numeric id (MRCI cmdId) derived from the command's identity: the same across reloads and
   * restarts (two commands whose identities hash alike: the later one takes the next free id).
   */
  readonly id: number;
  readonly command: Command;
  /** Command file relative to the commands dir, or null for internal commands. */
  readonly file: string | null;
  readonly internal: boolean;
}

export interface Resolution {
  entry: RegisteredCommand;
  /** The remaining words: the arguments. */
  rest: string[];
}

const key = (name: string): string => name.toLowerCase();

/** Names a command answers to: its name and aliases (case-insensitive). */
export function namesOf(command: Command): string[] {
  return [command.name, ...command.aliases];
}

/**
 * Every loaded command, by name and alias (case-insensitive). Top-level commands and modules
 * share one namespace; a module's commands (`module` set) are looked up as `module sub`.
 */
export class CommandRegistry {
  private readonly entries = new Map<number, RegisteredCommand>();
  private readonly top = new Map<string, RegisteredCommand>();
  private readonly modules = new Map<string, Map<string, RegisteredCommand>>();

  /** Problems registering `commands` would cause, ignoring commands of `replacingFile`. */
  conflicts(commands: Command[], replacingFile: string | null): string[] {
    const problems: string[] = [];
    const seenTop = new Map<string, string>();
    const seenSub = new Map<string, string>();
    const ours = (entry: RegisteredCommand | undefined): boolean =>
      entry !== undefined && replacingFile !== null && entry.file === replacingFile;
    const describe = (entry: RegisteredCommand): string =>
      entry.internal
        ? `internal command "${entry.command.name}"`
        : `"${entry.command.name}" in ${entry.file}`;
    for (const command of commands) {
      if (command.module) {
        const mod = key(command.module);
        const clash = this.top.get(mod);
        if (clash && !ours(clash))
          problems.push(`module "${command.module}" clashes with ${describe(clash)}`);
        for (const name of namesOf(command)) {
          const k = `${mod} ${key(name)}`;
          const existing = this.modules.get(mod)?.get(key(name));
          if (existing && !ours(existing))
            problems.push(`"${command.module} ${name}" is already defined by ${describe(existing)}`);
          if (seenSub.has(k)) problems.push(`"${command.module} ${name}" is defined twice in this file`);
          seenSub.set(k, command.name);
        }
      } else {
        for (const name of namesOf(command)) {
          const k = key(name);
          const existing = this.top.get(k);
          if (existing && !ours(existing))
            problems.push(`name "${name}" is already used by ${describe(existing)}`);
          const mod = this.modules.get(k);
          if (mod && [...mod.values()].some((e) => !ours(e)))
            problems.push(`name "${name}" clashes with the module of that name`);
          if (seenTop.has(k)) problems.push(`name "${name}" is used twice in this file`);
          seenTop.set(k, command.name);
        }
      }
    }
    for (const k of seenTop.keys()) {
      if ([...seenSub.keys()].some((s) => s.startsWith(`${k} `)))
        problems.push(`name "${k}" is used both as a command and a module`);
    }
    return problems;
  }

  /** Adds commands (call `conflicts` first). */
  add(commands: Command[], file: string | null, internal: boolean): RegisteredCommand[] {
    return commands.map((command) => {
      let id = commandIdOf(command);
      while (this.entries.has(id)) id = (id % MAX_COMMAND_ID) + 1;
      const entry: RegisteredCommand = { id, command, file, internal };
      this.entries.set(entry.id, entry);
      if (command.module) {
        const mod = key(command.module);
        let subs = this.modules.get(mod);
        if (!subs) this.modules.set(mod, (subs = new Map()));
        for (const name of namesOf(command)) subs.set(key(name), entry);
      } else {
        for (const name of namesOf(command)) this.top.set(key(name), entry);
      }
      return entry;
    });
  }

  /** Removes every command of a file; returns what was removed. */
  removeFile(file: string): RegisteredCommand[] {
    const removed = [...this.entries.values()].filter((e) => e.file === file);
    for (const entry of removed) this.remove(entry);
    return removed;
  }

  private remove(entry: RegisteredCommand): void {
    this.entries.delete(entry.id);
    const { command } = entry;
    if (command.module) {
      const mod = key(command.module);
      const subs = this.modules.get(mod);
      for (const name of namesOf(command)) if (subs?.get(key(name)) === entry) subs.delete(key(name));
      if (subs?.size === 0) this.modules.delete(mod);
    } else {
      for (const name of namesOf(command)) if (this.top.get(key(name)) === entry) this.top.delete(key(name));
    }
  }

  /** Finds the command named by the first word(s); throws CommandNotFound with suggestions. */
  resolve(words: string[]): Resolution {
    const first = words[0];
    const second = words[1];
    if (first === undefined || first === '') throw new CommandNotFound('', [], 'no command given');
    const byId = ID_WORD.exec(first);
    if (byId) {
      const entry = this.entries.get(Number(byId[1]));
      if (entry) return { entry, rest: words.slice(1) };
      throw new CommandNotFound(first, [], `no command has the id ${first}`);
    }
    const top = this.top.get(key(first));
    if (top) return { entry: top, rest: words.slice(1) };
    const subs = this.modules.get(key(first));
    if (subs) {
      const sub = second !== undefined ? subs.get(key(second)) : undefined;
      if (sub) return { entry: sub, rest: words.slice(2) };
      const fallback = subs.get(DEFAULT_SUBCOMMAND);
      if (fallback) return { entry: fallback, rest: words.slice(1) };
      // the command fixer puts `default` before what the user typed: name what they typed
      const typed = second !== undefined && key(second) === DEFAULT_SUBCOMMAND ? words[2] : second;
      const names = [...new Set([...subs.values()].map((e) => e.command.name))];
      throw new CommandNotFound(
        `${first} ${typed ?? ''}`.trim(),
        typed
          ? suggest(typed, names).map((n) => `${first} ${n}`)
          : names.map((n) => `${first} ${n}`).slice(0, 5),
        typed ? `"${first}" has no subcommand "${typed}"` : `"${first}" needs a subcommand`,
      );
    }
    const entries = new Set(this.top.values());
    const names = [...entries].map((e) => e.command.name);
    const aliases = [...entries].flatMap((e) => e.command.aliases);
    throw new CommandNotFound(first, suggestCommands(first, [...names, ...this.modules.keys()], aliases));
  }

  /** Whether `word` calls a loaded command by its id (`#1234`). */
  isCommandId(word: string): boolean {
    const match = ID_WORD.exec(word);
    return match !== null && this.entries.has(Number(match[1]));
  }

  isModule(name: string): boolean {
    return this.modules.has(key(name));
  }

  hasSubcommand(module: string, name: string): boolean {
    return this.modules.get(key(module))?.has(key(name)) ?? false;
  }

  /** Modules that have a subcommand of this name (for the pipeline's command fixer). */
  modulesWithSubcommand(name: string): string[] {
    const k = key(name);
    return [...this.modules.entries()].filter(([, subs]) => subs.has(k)).map(([mod]) => mod);
  }

  hasTopLevel(name: string): boolean {
    return this.top.has(key(name));
  }

  /** Every registered command once, internal first, then by name. */
  list(): RegisteredCommand[] {
    return [...this.entries.values()].sort(
      (a, b) =>
        Number(b.internal) - Number(a.internal) ||
        (a.command.module ?? a.command.name).localeCompare(b.command.module ?? b.command.name) ||
        a.command.name.localeCompare(b.command.name),
    );
  }

  byId(id: number): RegisteredCommand | undefined {
    return this.entries.get(id);
  }

  get size(): number {
    return this.entries.size;
  }
}
