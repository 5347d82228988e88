import { ApplicationCommandOptionType, PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { ChoiceArgument, DurationArgument, StringArgument } from '../../../cmdsys/api/arguments';
import { Command } from '../../../cmdsys/api/command';
import { deriveSlashCommands, nameProblem, permissionsFor } from './derive';
import { canonical } from './sync';

const RANKS = { adminRank: 2, manageGuildRank: 3, defaultRank: 10 };

function command(name: string, setup: (c: Command) => void = () => undefined): Command {
  const c = new Command();
  c.name = name;
  c.desc = `${name} things`;
  setup(c);
  return c;
}

describe('slash command derivation', () => {
  it('reports names Discord refuses, per command, and keeps the rest', () => {
    const derived = deriveSlashCommands(
      [command('ok'), command('has space'), command('x'.repeat(33)), command('CamelCase')],
      RANKS,
    );
    expect(derived.bodies.map((b) => b.name)).toEqual(['ok', 'camelcase']);
    expect(derived.refused.map((r) => r.command)).toEqual(['has space', 'x'.repeat(33)]);
    expect(derived.refused[1]!.reason).toMatch(/longer than 32/);
    expect(derived.targets.get('camelcase')!.words).toEqual(['CamelCase']);
  });

  it('refuses a required argument after an optional one, and names clashing once lower-cased', () => {
    const derived = deriveSlashCommands(
      [
        command(
          'order',
          (c) => void c.addArgument(new StringArgument('a', true)).addArgument(new StringArgument('b')),
        ),
        command('Dup'),
        command('dup'),
      ],
      RANKS,
    );
    expect(derived.bodies.map((b) => b.name)).toEqual(['dup']);
    expect(derived.refused.map((r) => [r.command, r.reason])).toEqual([
      ['order', expect.stringMatching(/required argument "b" follows an optional one/)],
      ['dup', expect.stringMatching(/already \/dup/)],
    ]);
  });

  it('maps durations and long choice lists to plain string options', () => {
    const many = Array.from({ length: 30 }, (_, i) => `c${i}`);
    const derived = deriveSlashCommands(
      [
        command(
          't',
          (c) =>
            void c.addArgument(new DurationArgument('after')).addArgument(new ChoiceArgument('pick', many)),
        ),
      ],
      RANKS,
    );
    const options = (derived.bodies[0] as { options: { type: number; choices?: unknown }[] }).options;
    expect(options.map((o) => o.type)).toEqual([
      ApplicationCommandOptionType.String,
      ApplicationCommandOptionType.String,
    ]);
    expect(options[1]!.choices).toBeUndefined();
    expect(options[1]).toMatchObject({ autocomplete: true });
  });

  it('maps minRank onto default member permissions where it can', () => {
    expect(permissionsFor(null, RANKS)).toBeNull();
    expect(permissionsFor(10, RANKS)).toBeNull();
    expect(permissionsFor(5, RANKS)).toBe(PermissionFlagsBits.ManageGuild.toString());
    expect(permissionsFor(3, RANKS)).toBe(PermissionFlagsBits.ManageGuild.toString());
    expect(permissionsFor(2, RANKS)).toBe(PermissionFlagsBits.Administrator.toString());
    expect(permissionsFor(1, RANKS)).toBe(PermissionFlagsBits.Administrator.toString());
  });

  it('gives a module the loosest rank of its commands', () => {
    const derived = deriveSlashCommands(
      [
        command('add', (c) => ((c.module = 'tag'), (c.minRank = 2))),
        command('del', (c) => ((c.module = 'tag'), (c.minRank = 3))),
      ],
      RANKS,
    );
    expect(derived.bodies).toHaveLength(1);
    expect(derived.bodies[0]!.default_member_permissions).toBe(PermissionFlagsBits.ManageGuild.toString());
    expect(nameProblem('tag')).toBeNull();
  });

  it('compares what Discord returns with what would be sent, ignoring defaults', () => {
    expect(canonical({ name: 'a', options: [], required: false, dm: null, b: { y: 1, x: 2 } })).toEqual({
      name: 'a',
      b: { x: 2, y: 1 },
    });
  });
});
