// ArgsOf<Command> types call()'s argument object exactly: the fixture's `@ts-expect-error`
// lines must keep failing to compile (reading an undeclared argument, a number as a string, …),
// type-checked the way an editor checks a command file (commands/tsconfig.json maps 'cmdsys').
import { describe, expect, it } from 'vitest';
import { useHarnesses } from '../support/cmdsys-harness';
import { typeFixture } from '../support/type-fixture';

const { source, directiveLines, check } = typeFixture('tests/fixtures/cmdsys/typed-args.ts');
const start = useHarnesses();

describe('ArgsOf (typed arguments)', () => {
  it('type-checks the fixture with every @ts-expect-error line still an error', () => {
    expect(directiveLines.length).toBeGreaterThanOrEqual(6);
    // an unused @ts-expect-error is itself an error (TS2578): none means each line still fails
    expect(check()).toEqual([]);
  }, 60_000);

  it('each directive guards exactly one error on the line below it', () => {
    const problems = check((s) => s.replaceAll('// @ts-expect-error', '// (expected error)'));
    expect(problems.map((p) => p.line)).toEqual(directiveLines.map((l) => l + 1));
    // 2339: no such property; 2322: not assignable
    expect(new Set(problems.map((p) => p.code))).toEqual(new Set([2339, 2322]));
  }, 60_000);

  it('the fixture runs, and call() receives what ArgsOf promised', async () => {
    const h = await start({ files: { 'typed-args.ts': source } });
    expect(h.bot.commands.lastReloadReport!.failed).toEqual([]);
    const [answer] = await h.run('typed 3 slow yes a label');
    expect(JSON.parse(answer!)).toEqual({
      count: 3,
      mode: 'slow',
      loud: true,
      label: 'a label',
      wrong: 3,
      sure: 'a label',
      other: 'slow',
      keys: ['count', 'mode', 'loud', 'label'],
    });
    expect(JSON.parse((await h.run('typed 1'))[0]!)).toEqual({ count: 1, wrong: 1, keys: ['count'] });
  });
});

describe('ArgsOf with defaults', () => {
  it('the Defaults fixture fills omitted and moved-on arguments with their defaults', async () => {
    const h = await start({ files: { 'typed-args.ts': source } });
    expect(JSON.parse((await h.run('defaults'))[0]!)).toEqual({ times: 2, mode: 'fast', bad: 'n' });
    expect(JSON.parse((await h.run('defaults slow words here'))[0]!)).toEqual({
      times: 2,
      mode: 'slow',
      text: 'words here',
      bad: 'n',
    });
  });
});
