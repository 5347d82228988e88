// MRCI command objects (seed 004): ids derived from the command's identity (the same after a
// reload and a restart) that run the command, the three help texts (short, input/output,
// long), errState/errTxt reported by the executor, and aboutToDelete before removal.
import { describe, expect, it } from 'vitest';
import { CmdHarness, commandFile } from '../support/cmdsys-harness';
import {
  CommandRegistry,
  commandIdOf,
  MAX_COMMAND_ID,
} from '../../src/main/runtime/cmdsys/registry/command-registry';
import { Command } from '../../src/main/runtime/cmdsys/api/command';
import { useTmpDirs } from '../support/tmp-dir';

const tmp = useTmpDirs();

const FILES = {
  'rev.ts': commandFile(
    `export class Rev extends Command {
  setup() {
    this.name = 'rev';
    this.desc = 'Reverses text.';
    this.io = '[text]/[the text, reversed]';
    this.longDesc = 'Reverses the characters of what it is given.';
    return this.addArgument(new StringArgument('text'));
  }
  async call({ text }: ArgsOf<Rev>) { await this.respond([...text].reverse().join('')); }
  aboutToDelete() { this.env.events.trigger('rev_about_to_delete', { listeners: 'still here' }); }
}`,
    'Command, StringArgument, type ArgsOf',
  ),
  'errs.ts': commandFile(`export class Picky extends Command {
  setup() { this.name = 'picky'; }
  async call() { await this.errorText('that will not do'); }
}
export class Moody extends Command {
  setup() { this.name = 'moody'; }
  errState() { return this.msg.text.includes('sulk'); }
  async call() { await this.respond('done'); }
}
export class Plain extends Command {
  setup() { this.name = 'plain'; }
  async call() { await this.respond('fine'); }
}`),
};

function idsOf(h: CmdHarness): Map<string, number> {
  return new Map(h.bot.commands.registry.list().map((e) => [e.command.name, e.id]));
}

describe('command ids (MRCI cmdId)', () => {
  it('are derived from the identity: equal after reloadCommands and after a restart', async () => {
    const dataDir = tmp();
    let h = await CmdHarness.start(dataDir, { files: FILES });
    const before = idsOf(h);
    expect(before.get('rev')).toBe(commandIdOf({ module: null, name: 'rev' }));
    expect(new Set(before.values()).size).toBe(before.size);
    await h.run('reloadCommands all');
    expect(idsOf(h)).toEqual(before);
    await h.stop();
    h = await CmdHarness.start(dataDir);
    try {
      expect(idsOf(h)).toEqual(before);
    } finally {
      await h.stop();
    }
  });

  it('run the command by id ("#id args"); help shows the id and the three texts', async () => {
    const h = await CmdHarness.start(tmp(), { files: FILES });
    try {
      const id = idsOf(h).get('rev')!;
      expect(await h.run(`#${id} hello`)).toEqual(['olleh']);
      const help = (await h.run(`help #${id}`)).join('\n');
      expect(help).toContain('rev — Reverses text.');
      expect(help).toContain('Usage: rev <text>');
      expect(help).toContain('Input/output: [text]/[the text, reversed]');
      expect(help).toContain('Reverses the characters of what it is given.');
      expect(help).toContain(`(id ${id}, file rev.ts`);
      const missing = (await h.run('#0 x')).join('\n');
      expect(missing).toMatch(/^No command has the id #0\./);
      // from chat too, through the whole pipeline (rank check included)
      expect(await h.chat(`#${id} chat`).done()).toEqual(['tahc']);
    } finally {
      await h.stop();
    }
  });

  it('collisions take the next free id instead of failing', () => {
    const registry = new CommandRegistry();
    const a = new Command();
    a.name = 'same';
    const b = new Command();
    b.name = 'same';
    b.module = null;
    const [first] = registry.add([a], 'a.ts', false);
    const [second] = registry.add([b], 'b.ts', false);
    expect(second!.id).toBe((first!.id % MAX_COMMAND_ID) + 1);
  });
});

describe('errState / errTxt and aboutToDelete', () => {
  it('errorText() answers as an error and the executor reports the run as failed', async () => {
    const h = await CmdHarness.start(tmp(), { files: FILES });
    try {
      const failed: string[] = [];
      h.bot.events.on('command_failed', (p) => void failed.push(`${p.invocation.command}: ${p.error}`));
      const finished: string[] = [];
      h.bot.events.on('command_finished', (p) => void finished.push(p.invocation.command));
      const picky = h.console('picky');
      expect(await picky.done()).toEqual(['that will not do']);
      expect(picky.outputs[0]!.isError).toBe(true);
      expect(await h.run('moody sulk')).toEqual(['done']);
      expect(await h.run('moody')).toEqual(['done']);
      // errSent is reset before every run: a fine run after a failed one is fine
      expect(await h.run('plain')).toEqual(['fine']);
      await new Promise((r) => setImmediate(r));
      expect(failed).toEqual([
        'picky: "picky" ended in an error state',
        'moody: "moody" ended in an error state',
      ]);
      expect(finished).toEqual(['moody', 'plain']);
    } finally {
      await h.stop();
    }
  });

  it('aboutToDelete runs before the generation is released (its listeners still work)', async () => {
    const h = await CmdHarness.start(tmp(), { files: FILES });
    try {
      const told: unknown[] = [];
      h.bot.events.on('rev_about_to_delete', (p) => void told.push(p));
      h.remove('rev.ts');
      const report = await h.reload();
      expect(report.removed).toEqual(['rev.ts']);
      await new Promise((r) => setImmediate(r));
      expect(told).toEqual([{ listeners: 'still here' }]);
    } finally {
      await h.stop();
    }
  });
});
