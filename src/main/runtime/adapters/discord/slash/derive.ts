import {
  ApplicationCommandOptionType,
  PermissionFlagsBits,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord.js';
import {
  BooleanArgument,
  ChannelArgument,
  ChoiceArgument,
  IntegerArgument,
  NumberArgument,
  UserArgument,
  type Argument,
} from '../../../cmdsys/api/arguments';
import type { Command } from '../../../cmdsys/api/command';

/** One application command as sent to Discord (PUT/POST body). */
export type SlashCommandBody = RESTPutAPIApplicationCommandsJSONBody[number];

/** How a slash command (or subcommand) maps back to the bot's command. */
export interface SlashTarget {
  /** The words naming the command in a chat line: `[name]` or `[module, name]`. */
  words: string[];
  /** Option name → the argument it fills, in the argument chain's order. */
  options: { option: string; argument: Argument }[];
}

/** A command that could not be offered as a slash command, and why. */
export interface RefusedCommand {
  command: string;
  reason: string;
}

export interface DerivedCommands {
  bodies: SlashCommandBody[];
  /** `name` or `module sub` (the slash form) → what to run. */
  targets: Map<string, SlashTarget>;
  refused: RefusedCommand[];
}

export interface RankMapping {
  /** Rank of members with Administrator / Manage Guild (discord.adminRank / manageGuildRank). */
  adminRank: number;
  manageGuildRank: number;
  /** The rank everyone else has (ranks.default). */
  defaultRank: number;
}

/** Discord's rule for chat input command and option names (lowercase letters, digits, - and _). */
const NAME = /^[-_\p{Ll}\p{Lo}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const MAX_DESCRIPTION = 100;
const MAX_OPTIONS = 25;
const MAX_CHOICES = 25;

/** Why `name` cannot be a Discord name once lower-cased, or null when it can. */
export function nameProblem(name: string): string | null {
  const lower = name.toLowerCase();
  if (lower.length === 0) return 'the name is empty';
  if (lower.length > 32) return `"${name}" is longer than 32 characters`;
  if (!NAME.test(lower))
    return `"${name}" has characters Discord does not allow (letters, digits, - and _ only)`;
  return null;
}

function description(text: string, fallback: string): string {
  const line = (text.split('\n')[0] ?? '').trim() || fallback;
  return line.length > MAX_DESCRIPTION ? `${line.slice(0, MAX_DESCRIPTION - 1)}…` : line;
}

class Refusal extends Error {}

/** The Discord option for one argument. */
function optionOf(arg: Argument): APIApplicationCommandBasicOption {
  const problem = nameProblem(arg.name);
  if (problem) throw new Refusal(`argument ${problem}`);
  const base = {
    name: arg.name.toLowerCase(),
    description: description(arg.description, arg.hint ? `${arg.name} (${arg.hint})` : arg.name),
    required: !arg.optional,
  };
  const bounds = arg instanceof IntegerArgument || arg instanceof NumberArgument ? arg.bounds : {};
  const range = {
    ...(bounds.min !== undefined ? { min_value: bounds.min } : {}),
    ...(bounds.max !== undefined ? { max_value: bounds.max } : {}),
  };
  const suggest = arg.autocomplete ? { autocomplete: true as const } : {};
  if (arg instanceof IntegerArgument)
    return { ...base, type: ApplicationCommandOptionType.Integer, ...range, ...suggest };
  if (arg instanceof NumberArgument)
    return { ...base, type: ApplicationCommandOptionType.Number, ...range, ...suggest };
  if (arg instanceof BooleanArgument) return { ...base, type: ApplicationCommandOptionType.Boolean };
  if (arg instanceof UserArgument) return { ...base, type: ApplicationCommandOptionType.User };
  if (arg instanceof ChannelArgument) return { ...base, type: ApplicationCommandOptionType.Channel };
  if (arg instanceof ChoiceArgument) {
    const choices = (arg.choices as readonly string[]).map((c) => ({ name: c, value: c }));
    // past 25 choices (or with its own hook) Discord asks the bot while the user types
    return choices.length <= MAX_CHOICES && !arg.autocomplete
      ? { ...base, type: ApplicationCommandOptionType.String, choices }
      : { ...base, type: ApplicationCommandOptionType.String, autocomplete: true };
  }
  // strings, durations (typed as text: `1h30m`) and anything else converts from text
  return { ...base, type: ApplicationCommandOptionType.String, ...suggest };
}

/** Options of a command's argument chain; refuses what Discord cannot express. */
function optionsOf(command: Command): { options: APIApplicationCommandBasicOption[]; target: SlashTarget } {
  if (command.arguments.length > MAX_OPTIONS) throw new Refusal(`more than ${MAX_OPTIONS} arguments`);
  const options: APIApplicationCommandBasicOption[] = [];
  const map: SlashTarget['options'] = [];
  const seen = new Set<string>();
  let optionalSeen = false;
  for (const arg of command.arguments) {
    const option = optionOf(arg);
    if (seen.has(option.name)) throw new Refusal(`two arguments are named "${option.name}" once lower-cased`);
    seen.add(option.name);
    if (option.required && optionalSeen)
      throw new Refusal(
        `required argument "${arg.name}" follows an optional one (Discord wants required options first)`,
      );
    if (!option.required) optionalSeen = true;
    options.push(option);
    map.push({ option: option.name, argument: arg });
  }
  const words = command.module ? [command.module, command.name] : [command.name];
  return { options, target: { words, options: map } };
}

/** Default member permissions for a minimum rank, where the rank maps onto a permission. */
export function permissionsFor(minRank: number | null, ranks: RankMapping): string | null {
  if (minRank === null || minRank >= ranks.defaultRank) return null;
  if (minRank >= ranks.manageGuildRank) return PermissionFlagsBits.ManageGuild.toString();
  // administrators, and owner-only commands (owners are ids, not a permission): admins see them
  return PermissionFlagsBits.Administrator.toString();
}

/** The strictest (lowest) minRank of a module's commands, null when any is open to everyone. */
function moduleRank(commands: Command[]): number | null {
  if (commands.some((c) => c.minRank === null)) return null;
  return Math.max(...commands.map((c) => c.minRank ?? Infinity));
}

/**
 * Every command as a Discord application command: top-level commands with their arguments as
 * options, each module as one command whose subcommands are its commands. A command Discord
 * would refuse (name, options) is left out and reported with the reason; the rest go on.
 */
export function deriveSlashCommands(commands: readonly Command[], ranks: RankMapping): DerivedCommands {
  const bodies: SlashCommandBody[] = [];
  const targets = new Map<string, SlashTarget>();
  const refused: RefusedCommand[] = [];
  const modules = new Map<string, Command[]>();
  const used = new Set<string>();
  const label = (c: Command): string => (c.module ? `${c.module} ${c.name}` : c.name);

  for (const command of commands) {
    if (command.module) {
      const list = modules.get(command.module.toLowerCase()) ?? [];
      list.push(command);
      modules.set(command.module.toLowerCase(), list);
      continue;
    }
    try {
      const problem = nameProblem(command.name);
      if (problem) throw new Refusal(problem);
      const name = command.name.toLowerCase();
      if (used.has(name)) throw new Refusal(`another command is already /${name}`);
      const { options, target } = optionsOf(command);
      used.add(name);
      bodies.push({
        name,
        description: description(command.desc, `Runs ${command.name}.`),
        options,
        default_member_permissions: permissionsFor(command.minRank, ranks),
        type: 1,
      });
      targets.set(name, target);
    } catch (err) {
      if (!(err instanceof Refusal)) throw err;
      refused.push({ command: label(command), reason: err.message });
    }
  }

  for (const [moduleName, members] of modules) {
    const problem = nameProblem(moduleName);
    if (problem || used.has(moduleName)) {
      const reason = problem ?? `another command is already /${moduleName}`;
      for (const c of members) refused.push({ command: label(c), reason: `module ${reason}` });
      continue;
    }
    const subs: APIApplicationCommandOption[] = [];
    const kept: Command[] = [];
    for (const command of members) {
      try {
        const subProblem = nameProblem(command.name);
        if (subProblem) throw new Refusal(subProblem);
        const name = command.name.toLowerCase();
        if (subs.some((s) => s.name === name)) throw new Refusal(`another subcommand is already ${name}`);
        if (subs.length >= MAX_OPTIONS) throw new Refusal(`module has more than ${MAX_OPTIONS} subcommands`);
        const { options, target } = optionsOf(command);
        subs.push({
          name,
          description: description(command.desc, `Runs ${moduleName} ${command.name}.`),
          type: ApplicationCommandOptionType.Subcommand,
          options,
        });
        targets.set(`${moduleName} ${name}`, target);
        kept.push(command);
      } catch (err) {
        if (!(err instanceof Refusal)) throw err;
        refused.push({ command: label(command), reason: err.message });
      }
    }
    if (subs.length === 0) continue;
    used.add(moduleName);
    bodies.push({
      name: moduleName,
      description: description('', `Commands of the ${members[0]!.module} module.`),
      options: subs,
      default_member_permissions: permissionsFor(moduleRank(kept), ranks),
      type: 1,
    });
  }
  return { bodies, targets, refused };
}
