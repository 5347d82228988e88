import type { Command } from '../api/command';
import type { RegisteredCommand } from '../registry/command-registry';

const qualifiedName = (c: Command): string => (c.module ? `${c.module} ${c.name}` : c.name);

/** `help`: every command, one line each, modules folded into one line. */
export function renderCommandList(entries: RegisteredCommand[]): string {
  const lines: string[] = [];
  const section = (title: string, list: RegisteredCommand[]): void => {
    if (list.length === 0) return;
    lines.push(`${title}:`);
    const modules = new Map<string, RegisteredCommand[]>();
    for (const entry of list) {
      const mod = entry.command.module;
      if (mod) {
        const key = mod.toLowerCase();
        modules.set(key, [...(modules.get(key) ?? []), entry]);
        continue;
      }
      lines.push(`  ${entry.command.name}${entry.command.desc ? ` — ${entry.command.desc}` : ''}`);
    }
    for (const subs of modules.values()) {
      const name = subs[0]!.command.module!;
      const names = subs.map((s) => s.command.name).sort();
      lines.push(
        `  ${name} ${names.join('|')}${subs[0]!.command.lib ? ` — ${subs[0]!.command.libText}` : ''}`,
      );
    }
  };
  section(
    'Built-in',
    entries.filter((e) => e.internal),
  );
  section(
    'Commands',
    entries.filter((e) => !e.internal),
  );
  lines.push('', 'Type "help <command>" for details.');
  return lines.join('\n');
}

/** `help <command>`: MRCI-style details generated from the command's metadata and arguments. */
export function renderCommandHelp(entry: RegisteredCommand): string {
  const c = entry.command;
  const lines = [`${qualifiedName(c)} — ${c.desc || 'no description'}`, `Usage: ${c.usage}`];
  if (c.io) lines.push(`Input/output: ${c.io}`);
  if (c.aliases.length) lines.push(`Aliases: ${c.aliases.join(', ')}`);
  const described = c.arguments.filter((a) => a.description);
  if (described.length) {
    lines.push('Arguments:');
    for (const a of c.arguments) lines.push(`  ${a.usage()}${a.description ? `  ${a.description}` : ''}`);
  }
  if (c.longDesc) lines.push('', c.longDesc.trim());
  const facts = [`id ${entry.id}`, entry.internal ? 'built-in' : `file ${entry.file}`];
  if (c.lib) facts.push(`lib ${c.libText}`);
  if (c.minRank !== null) facts.push(`rank ≤ ${c.minRank}`);
  lines.push(`(${facts.join(', ')})`);
  return lines.join('\n');
}

/** `help <module>`: the module's subcommands with their usage. */
export function renderModuleHelp(module: string, subs: RegisteredCommand[]): string {
  const lines = [`${module} — subcommands:`];
  for (const entry of subs.sort((a, b) => a.command.name.localeCompare(b.command.name))) {
    lines.push(`  ${entry.command.usage}${entry.command.desc ? ` — ${entry.command.desc}` : ''}`);
  }
  return lines.join('\n');
}
