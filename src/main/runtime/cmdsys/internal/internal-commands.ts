import { IntegerArgument, StringArgument, ChoiceArgument, type ArgsOf } from '../api/arguments';
import { Command } from '../api/command';
import { CommandNotFound, PermissionDenied } from '../api/errors';
import { formatDuration } from '../api/duration';
import type { Executor } from '../executor/executor';
import type { CommandLoader, ReloadReport } from '../loader/command-loader';
import type { CommandRegistry } from '../registry/command-registry';
import { renderCommandHelp, renderCommandList, renderModuleHelp } from './help-text';

export interface InternalDeps {
  registry: CommandRegistry;
  loader: CommandLoader;
  executor: Executor;
}

const LIB = 'protos-panel built-ins';

export class HelpCommand extends Command {
  constructor(private readonly deps: InternalDeps) {
    super();
  }

  setup() {
    this.name = 'help';
    this.desc = 'Lists the commands, or explains one.';
    this.lib = LIB;
    this.longDesc =
      'Without an argument, lists every command. With a command name (or "module subcommand", or "#id"), shows its usage, what it reads and writes, aliases, arguments and details. A command\'s id stays the same across reloads and restarts; "#id args" runs the command by its id.';
    return this.addArgument(
      new StringArgument('command', true, { description: 'a command, module, or "module subcommand"' }),
    );
  }

  async call({ command }: ArgsOf<HelpCommand>) {
    const { registry } = this.deps;
    if (!command) return this.respond(renderCommandList(registry.list()));
    const words = command.trim().split(/\s+/);
    const [first = '', second] = words;
    if (registry.isModule(first) && second === undefined) {
      const subs = registry.list().filter((e) => e.command.module?.toLowerCase() === first.toLowerCase());
      return this.respond(renderModuleHelp(subs[0]?.command.module ?? first, subs));
    }
    const resolution = registry.resolve(words);
    const exact = resolution.rest.length === 0 || registry.hasTopLevel(first);
    if (!exact) throw new CommandNotFound(command);
    return this.respond(renderCommandHelp(resolution.entry));
  }
}

export function formatReloadReport(report: ReloadReport): string {
  const parts = [
    `${report.loaded.length} loaded`,
    `${report.updated.length} updated`,
    `${report.removed.length} removed`,
    `${report.failed.length} failed`,
  ];
  if (report.quarantined.length) parts.push(`${report.quarantined.length} quarantined`);
  const lines = [`Reloaded commands in ${Math.round(report.ms)} ms: ${parts.join(', ')}.`];
  for (const f of report.failed) {
    lines.push(`  ${f.file}${f.line !== null ? `:${f.line}:${f.column}` : ''}: ${f.message}`);
  }
  for (const q of report.quarantined) lines.push(`  ${q.file}: quarantined (${q.reason}): ${q.message}`);
  return lines.join('\n');
}

export class ReloadCommandsCommand extends Command {
  constructor(private readonly deps: InternalDeps) {
    super();
  }

  setup() {
    this.name = 'reloadCommands';
    this.aliases = ['reload'];
    this.desc = 'Reloads changed command files (or all of them) without restarting.';
    this.lib = LIB;
    this.minRank = 2;
    this.longDesc =
      'A file that fails to load keeps its previous version running; the report lists it with file:line:column. "reloadCommands all" rebuilds every file.';
    return this.addArgument(new ChoiceArgument('scope', ['changed', 'all'] as const, true));
  }

  async call({ scope }: ArgsOf<ReloadCommandsCommand>) {
    const report = await this.deps.loader.reload({ force: scope === 'all' });
    await this.respond(formatReloadReport(report));
    await this.log(formatReloadReport(report));
  }
}

export class RunningCommand extends Command {
  constructor(private readonly deps: InternalDeps) {
    super();
  }

  setup() {
    this.name = 'running';
    this.aliases = ['ps'];
    this.desc = 'Lists running command invocations.';
    this.lib = LIB;
  }

  async call() {
    const list = this.deps.executor.list().filter((i) => i.id !== this.invocationId);
    if (list.length === 0) return this.respond('Nothing is running.');
    const now = Date.now();
    const lines = list.map(
      (i) =>
        `#${i.id} ${i.command} — ${i.state.replace('_', ' ')}, ${i.author} in ${i.channel}, ${formatDuration(now - i.startedAt)}`,
    );
    return this.respond(lines.join('\n'));
  }
}

export class CancelCommand extends Command {
  constructor(private readonly deps: InternalDeps) {
    super();
  }

  setup() {
    this.name = 'cancel';
    this.aliases = ['term', 'stop'];
    this.desc = 'Cancels a running invocation by id (see "running").';
    this.lib = LIB;
    return this.addArgument(new IntegerArgument('id', false, { min: 1 }));
  }

  async call({ id }: ArgsOf<CancelCommand>) {
    const target = this.deps.executor.list().find((i) => i.id === id);
    if (!target) return this.respond(`No running invocation #${id}.`);
    const own = this.deps.executor.startedBy(id, this.msg);
    if (!own && this.msg.rank > 2) throw new PermissionDenied(`cancel #${id}`, 2, this.msg.rank);
    this.deps.executor.cancel(id, `cancelled by ${this.msg.author.displayName}`);
    await this.respond(`Cancelling #${id} (${target.command}).`);
    if (!own) await this.log(`cancelled #${id} (${target.command}) of ${target.author} in ${target.channel}`);
  }
}

export class PingCommand extends Command {
  setup() {
    this.name = 'ping';
    this.desc = 'Answers pong: is the bot alive?';
    this.lib = LIB;
  }

  async call() {
    await this.respond('pong');
  }
}

export function internalCommands(deps: InternalDeps): Command[] {
  return [
    new HelpCommand(deps),
    new PingCommand(),
    new ReloadCommandsCommand(deps),
    new RunningCommand(deps),
    new CancelCommand(deps),
  ];
}
