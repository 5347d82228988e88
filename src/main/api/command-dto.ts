import type { CommandDto } from '../../shared/dto/commands';
import type { RegisteredCommand } from '../runtime/cmdsys/registry/command-registry';

export function toCommandDto(entry: RegisteredCommand): CommandDto {
  const c = entry.command;
  return {
    id: entry.id,
    name: c.module ? `${c.module} ${c.name}` : c.name,
    module: c.module,
    aliases: [...c.aliases],
    desc: c.desc,
    ...(c.io ? { io: c.io } : {}),
    longDesc: c.longDesc,
    usage: c.usage,
    lib: c.libText,
    minRank: c.minRank,
    arguments: c.arguments.map((a) => ({
      name: a.name,
      optional: a.optional,
      hint: a.hint,
      description: a.description,
    })),
    file: entry.file,
    internal: entry.internal,
  };
}
